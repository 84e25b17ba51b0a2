namespace Obrador.FinOps.Forecast;

/// <summary>Mean and standard deviation of the forecast for each day h = 1..H (index h − 1).</summary>
/// <param name="Mean">Point forecast per day.</param>
/// <param name="StdDev">Forecast standard deviation per day (≥ 0).</param>
public sealed record ForecastCurve(double[] Mean, double[] StdDev);
