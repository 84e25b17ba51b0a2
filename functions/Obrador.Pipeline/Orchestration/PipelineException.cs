namespace Obrador.Pipeline.Orchestration;

/// <summary>
/// The pipeline's one exception type for data and orchestration errors: names the run, stage, partition and, for data
/// errors, the lake path and row where it happened.
/// </summary>
public sealed class PipelineException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="stage">Stage, when known.</param>
    /// <param name="partition">Partition, when known.</param>
    /// <param name="path">Lake path of the offending object, when known.</param>
    /// <param name="row">Zero-based row in that object, when known.</param>
    /// <param name="inner">Underlying exception.</param>
    public PipelineException(string message, string? stage = null, string? partition = null, string? path = null, long? row = null, Exception? inner = null)
        : base(Compose(message, stage, partition, path, row), inner)
    {
        Stage = stage;
        Partition = partition;
        Path = path;
        Row = row;
    }

    /// <summary>Stage, when known.</summary>
    public string? Stage { get; }

    /// <summary>Partition, when known.</summary>
    public string? Partition { get; }

    /// <summary>Lake path, when known.</summary>
    public string? Path { get; }

    /// <summary>Zero-based row, when known.</summary>
    public long? Row { get; }

    private static string Compose(string message, string? stage, string? partition, string? path, long? row)
    {
        var where = new List<string>();
        if (stage is not null)
        {
            where.Add("stage " + stage + (partition is null ? string.Empty : "/" + partition));
        }

        if (path is not null)
        {
            where.Add("path " + path + (row is null ? string.Empty : " row " + row));
        }

        return where.Count == 0 ? message : message + " (" + string.Join(", ", where) + ")";
    }
}
