namespace Obrador.FinOps.Forecast;

/// <summary>
/// A daily cost forecaster: given a scope's history, the mean and standard deviation of each of the next days.
/// The cost forecast service depends only on this seam, so the forecasting engine can be swapped in.
/// </summary>
public interface ICostForecaster
{
    /// <summary>Short name recorded with each forecast (e.g. <c>ets-damped-weekly</c>).</summary>
    string Name { get; }

    /// <summary>Forecasts <paramref name="horizonDays"/> days after the last value of <paramref name="history"/>.</summary>
    /// <param name="history">Daily cost, oldest first, one value per day, at least 14 values.</param>
    /// <param name="historyStart">Day of <c>history[0]</c> (lets calendar-aware models align weekdays).</param>
    /// <param name="horizonDays">Days to forecast, ≥ 1.</param>
    /// <exception cref="ArgumentException">History too short or horizon &lt; 1.</exception>
    ForecastCurve Forecast(ReadOnlySpan<double> history, DateOnly historyStart, int horizonDays);
}
