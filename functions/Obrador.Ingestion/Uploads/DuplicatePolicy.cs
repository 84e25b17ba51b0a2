namespace Obrador.Ingestion.Uploads;

/// <summary>What to do with an uploaded row whose (store, product, date) is already in the lake.</summary>
public enum DuplicatePolicy
{
    /// <summary>The row is an error (counts against the threshold). The default.</summary>
    Reject,

    /// <summary>The row is left out and counted as skipped; the lake keeps its value.</summary>
    Skip,

    /// <summary>The row is accepted; being in a newer upload version, it supersedes the lake's value in silver.</summary>
    Overwrite,
}
