namespace Obrador.Forecasting.Metrics;

/// <summary>
/// Running sums for <see cref="MetricSet"/>; accumulators of partitions <see cref="Combine"/> into the total.
/// Not thread-safe: use one per thread and combine.
/// </summary>
public sealed class MetricAccumulator
{
    private long count;
    private double sumAbs;
    private double sumSq;
    private double sumApe;
    private long countApe;
    private double sumSape;
    private double sumAbsActual;
    private double sumErr;
    private double sumScaled;
    private long countScaled;
    private long countInterval;
    private long countCovered;

    /// <summary>Adds one point. NaN actual or forecast is ignored.</summary>
    /// <param name="actual">Observed value y.</param>
    /// <param name="forecast">Point forecast ŷ.</param>
    /// <param name="scale">MASE scale of the series at the origin; NaN or 0 leaves the point out of MASE.</param>
    public void Add(double actual, double forecast, double scale = double.NaN)
    {
        if (double.IsNaN(actual) || double.IsNaN(forecast))
        {
            return;
        }

        var e = forecast - actual;
        var a = Math.Abs(e);
        count++;
        sumAbs += a;
        sumSq += e * e;
        sumErr += e;
        sumAbsActual += Math.Abs(actual);
        if (actual != 0)
        {
            sumApe += a / Math.Abs(actual);
            countApe++;
        }

        var denom = Math.Abs(actual) + Math.Abs(forecast);
        sumSape += denom == 0 ? 0 : 2 * a / denom;
        if (scale > 0)
        {
            sumScaled += a / scale;
            countScaled++;
        }
    }

    /// <summary>Records whether <paramref name="actual"/> fell inside [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    public void AddInterval(double actual, double lower, double upper)
    {
        if (double.IsNaN(actual) || double.IsNaN(lower) || double.IsNaN(upper))
        {
            return;
        }

        countInterval++;
        if (actual >= lower && actual <= upper)
        {
            countCovered++;
        }
    }

    /// <summary>Adds the sums of <paramref name="other"/> into this accumulator.</summary>
    public void Combine(MetricAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        count += other.count;
        sumAbs += other.sumAbs;
        sumSq += other.sumSq;
        sumApe += other.sumApe;
        countApe += other.countApe;
        sumSape += other.sumSape;
        sumAbsActual += other.sumAbsActual;
        sumErr += other.sumErr;
        sumScaled += other.sumScaled;
        countScaled += other.countScaled;
        countInterval += other.countInterval;
        countCovered += other.countCovered;
    }

    /// <summary>The metrics of the points added so far.</summary>
    public MetricSet ToMetrics() => new()
    {
        Count = count,
        Mae = count == 0 ? double.NaN : sumAbs / count,
        Rmse = count == 0 ? double.NaN : Math.Sqrt(sumSq / count),
        Mape = countApe == 0 ? double.NaN : 100 * sumApe / countApe,
        Smape = count == 0 ? double.NaN : 100 * sumSape / count,
        Wmape = sumAbsActual == 0 ? double.NaN : 100 * sumAbs / sumAbsActual,
        Bias = count == 0 ? double.NaN : sumErr / count,
        Mase = countScaled == 0 ? double.NaN : sumScaled / countScaled,
        Coverage = countInterval == 0 ? double.NaN : (double)countCovered / countInterval,
    };
}
