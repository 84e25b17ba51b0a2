namespace Obrador.Forecasting.Metrics;

/// <summary>
/// Accuracy of a set of point forecasts against actuals. Percentages are in percent (12.5 = 12.5 %).
/// A metric with no defined value (no points, no non-zero actual) is NaN.
/// </summary>
/// <remarks>
/// Definitions follow Hyndman &amp; Koehler (2006), "Another look at measures of forecast accuracy", IJF 22(4):
/// e = ŷ − y; MAE = mean|e|; RMSE = √mean(e²); MAPE = 100·mean(|e|/|y|) over y ≠ 0; sMAPE = 100·mean(2|e|/(|y|+|ŷ|))
/// with 0/0 = 0; wMAPE = 100·Σ|e|/Σ|y|; Bias = mean(e) (positive = over-forecast); MASE = mean(|e|/scale) where scale is the
/// in-sample mean absolute seasonal-naive error of the series at the forecast origin (points with scale 0 are left out).
/// </remarks>
public sealed record MetricSet
{
    /// <summary>Number of scored points.</summary>
    public long Count { get; init; }

    /// <summary>Mean absolute error, in the series' unit.</summary>
    public double Mae { get; init; } = double.NaN;

    /// <summary>Root mean squared error, in the series' unit.</summary>
    public double Rmse { get; init; } = double.NaN;

    /// <summary>Mean absolute percentage error over non-zero actuals, percent.</summary>
    public double Mape { get; init; } = double.NaN;

    /// <summary>Symmetric MAPE, percent, in [0, 200].</summary>
    public double Smape { get; init; } = double.NaN;

    /// <summary>Weighted MAPE = Σ|e| / Σ|y|, percent.</summary>
    public double Wmape { get; init; } = double.NaN;

    /// <summary>Mean error ŷ − y, in the series' unit.</summary>
    public double Bias { get; init; } = double.NaN;

    /// <summary>Mean absolute scaled error (1 = as good as the in-sample seasonal naive).</summary>
    public double Mase { get; init; } = double.NaN;

    /// <summary>Share of actuals inside [p10, p90], in [0, 1]; NaN when no interval was scored. Nominal value 0.8.</summary>
    public double Coverage { get; init; } = double.NaN;
}
