namespace Obrador.FinOps.Forecast;

/// <summary>Forecast cost of one future day (row <c>{yyyy-MM-dd}</c> of the <c>CostForecasts</c> table).</summary>
/// <param name="Date">The day.</param>
/// <param name="P10">10th percentile (≥ 0).</param>
/// <param name="P50">Median (point forecast).</param>
/// <param name="P90">90th percentile.</param>
public sealed record CostForecastPoint(DateOnly Date, double P10, double P50, double P90);
