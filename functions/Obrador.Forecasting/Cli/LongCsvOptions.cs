using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Cli;

/// <summary>How to read a long-format CSV (one row per series × date) into a <see cref="SeriesPanel"/>.</summary>
public sealed record LongCsvOptions
{
    /// <summary>Columns whose values, joined with <c>|</c>, form the series id (e.g. <c>Store</c>, <c>Dept</c>). Required.</summary>
    public IReadOnlyList<string> SeriesColumns { get; init; } = [];

    /// <summary>Date column (ISO <c>yyyy-MM-dd</c>, or any invariant-culture date). Required.</summary>
    public string DateColumn { get; init; } = "";

    /// <summary>Value column. Required.</summary>
    public string ValueColumn { get; init; } = "";

    /// <summary>Optional column the value is divided by (revenue / unit price = units); a zero divisor gives a missing value.</summary>
    public string? DivideByColumn { get; init; }

    /// <summary>Numeric covariate columns (price, promotion, temperature); <c>TRUE</c>/<c>FALSE</c> read as 1/0.</summary>
    public IReadOnlyList<string> Covariates { get; init; } = [];

    /// <summary>Spacing; null (default) = detected (weekly when every date gap is a multiple of 7 days).</summary>
    public Frequency? Frequency { get; init; }

    /// <summary>Value given to dates absent inside a series' span: NaN (default, a gap) or 0 (zero-filled sales).</summary>
    public double MissingValue { get; init; } = double.NaN;

    /// <summary>Mark dates on which every series (at least 2) is zero as closed days. Default false.</summary>
    public bool ClosedWhenAllZero { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a required column is missing.</summary>
    public void Validate()
    {
        if (SeriesColumns is null || SeriesColumns.Count == 0 || SeriesColumns.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one series column is required.", nameof(SeriesColumns));
        }

        if (string.IsNullOrWhiteSpace(DateColumn))
        {
            throw new ArgumentException("The date column is required.", nameof(DateColumn));
        }

        if (string.IsNullOrWhiteSpace(ValueColumn))
        {
            throw new ArgumentException("The value column is required.", nameof(ValueColumn));
        }
    }
}
