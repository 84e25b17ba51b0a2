namespace Obrador.Forecasting.Metrics;

/// <summary>One-shot metric computation over aligned arrays, and the MASE scale of a history.</summary>
public static class ForecastMetrics
{
    /// <summary>Computes every metric of <see cref="MetricSet"/> for aligned actuals and forecasts.</summary>
    /// <param name="actual">Observed values; NaN points are skipped.</param>
    /// <param name="forecast">Point forecasts, same length.</param>
    /// <param name="scale">MASE scale (see <see cref="SeasonalScale"/>); NaN leaves MASE undefined.</param>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static MetricSet Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, double scale = double.NaN)
    {
        if (actual.Length != forecast.Length)
        {
            throw new ArgumentException("actual and forecast must have the same length.", nameof(forecast));
        }

        var acc = new MetricAccumulator();
        for (var i = 0; i < actual.Length; i++)
        {
            acc.Add(actual[i], forecast[i], scale);
        }

        return acc.ToMetrics();
    }

    /// <summary>
    /// In-sample mean absolute seasonal-naive error, mean |y_t − y_{t−m}| over pairs where both are observed
    /// (Hyndman &amp; Koehler 2006, eq. for MASE). Falls back to lag 1 when no seasonal pair exists; NaN when no pair at all.
    /// </summary>
    /// <param name="history">Values up to the origin; NaN = missing.</param>
    /// <param name="seasonLength">m ≥ 1.</param>
    public static double SeasonalScale(ReadOnlySpan<double> history, int seasonLength)
    {
        var s = PairMean(history, seasonLength);
        return double.IsNaN(s) && seasonLength != 1 ? PairMean(history, 1) : s;
    }

    private static double PairMean(ReadOnlySpan<double> y, int lag)
    {
        double sum = 0;
        var n = 0;
        for (var t = lag; t < y.Length; t++)
        {
            if (!double.IsNaN(y[t]) && !double.IsNaN(y[t - lag]))
            {
                sum += Math.Abs(y[t] - y[t - lag]);
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }
}
