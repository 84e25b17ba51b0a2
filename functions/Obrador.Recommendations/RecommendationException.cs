namespace Obrador.Recommendations;

/// <summary>
/// Bad input to the recommendations subsystem: an invalid interaction row, an unknown column, an option out of range
/// on a data-dependent check. Carries the 1-based input row and the column when the problem comes from a file.
/// </summary>
public sealed class RecommendationException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public RecommendationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the inner cause.</summary>
    public RecommendationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception pointing at a row and column of an input file.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="row">1-based data row (header excluded), or null.</param>
    /// <param name="column">Column name, or null.</param>
    public RecommendationException(string message, long? row, string? column)
        : base(Describe(message, row, column))
    {
        Row = row;
        Column = column;
    }

    /// <summary>Creates the exception without details (serialization and tooling).</summary>
    public RecommendationException()
    {
    }

    /// <summary>1-based data row of the input file where the problem is, when known.</summary>
    public long? Row { get; }

    /// <summary>Column of the input file where the problem is, when known.</summary>
    public string? Column { get; }

    private static string Describe(string message, long? row, string? column) =>
        (row, column) switch
        {
            (null, null) => message,
            (null, _) => $"{message} (column '{column}')",
            (_, null) => $"{message} (row {row})",
            _ => $"{message} (row {row}, column '{column}')",
        };
}
