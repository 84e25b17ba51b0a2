namespace Obrador.Forecasting;

/// <summary>
/// Bad input to the forecasting subsystem (a malformed CSV row, an unknown column, an inconsistent series).
/// Carries where the problem is when it is known.
/// </summary>
public sealed class ForecastException : Exception
{
    /// <summary>Creates an exception with a message and optional location.</summary>
    /// <param name="message">What is wrong, in one sentence.</param>
    /// <param name="row">1-based data row of the input file, when the error comes from a file.</param>
    /// <param name="column">Column or field name involved, when known.</param>
    /// <param name="seriesId">Series involved, when known.</param>
    public ForecastException(string message, long? row = null, string? column = null, string? seriesId = null)
        : base(message)
    {
        Row = row;
        Column = column;
        SeriesId = seriesId;
    }

    /// <summary>Creates an exception without location.</summary>
    public ForecastException()
        : base("Invalid forecasting input.")
    {
    }

    /// <summary>Creates an exception without location, wrapping an inner exception.</summary>
    public ForecastException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based data row of the input file, or null.</summary>
    public long? Row { get; }

    /// <summary>Column or field name, or null.</summary>
    public string? Column { get; }

    /// <summary>Series id, or null.</summary>
    public string? SeriesId { get; }
}
