namespace Obrador.FinOps.Normalisation;

/// <summary>Outcome of normalising one export: the silver records, the rejected rows, and the source total.</summary>
public sealed record NormaliseResult
{
    /// <summary>Normalised rows in source order.</summary>
    public required IReadOnlyList<CostRecord> Records { get; init; }

    /// <summary>Rows sent to quarantine with their reason.</summary>
    public required IReadOnlyList<RejectedRow> Rejected { get; init; }

    /// <summary>Detected source format.</summary>
    public required BillingFormat Format { get; init; }

    /// <summary>Sum of the source's effective cost column over the accepted rows, per currency (the reconciliation reference).</summary>
    public required IReadOnlyDictionary<string, decimal> SourceEffectiveCost { get; init; }
}
