namespace Obrador.FinOps;

/// <summary>
/// The one error type of the FinOps subsystem: a billing row, a series or a configuration that cannot be processed.
/// Carries the 1-based source row and the column when they are known, so ingestion can quarantine the row with a reason.
/// </summary>
public sealed class FinOpsException : Exception
{
    /// <summary>Creates an error about the whole input.</summary>
    public FinOpsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error wrapping another.</summary>
    public FinOpsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error about one cell: <paramref name="row"/> is 1-based (header excluded), <paramref name="column"/> the header name.</summary>
    public FinOpsException(string message, long row, string? column)
        : base(column is null ? $"row {row}: {message}" : $"row {row}, column '{column}': {message}")
    {
        Row = row;
        Column = column;
    }

    /// <summary>Creates an empty error (serialisation conventions).</summary>
    public FinOpsException()
    {
    }

    /// <summary>1-based data row the error is about, or null.</summary>
    public long? Row { get; }

    /// <summary>Header name of the offending column, or null.</summary>
    public string? Column { get; }
}
