namespace Obrador.Forecasting.Backtesting;

/// <summary>
/// Split-conformal interval for one model and horizon: quantiles of residuals (y − ŷ) divided by the series' MASE scale,
/// so p10 = ŷ + Lower·scale and p90 = ŷ + Upper·scale (Lei et al. 2018, "Distribution-free predictive inference for
/// regression", JASA 113(523), §2, with locally scaled residuals §5.2).
/// </summary>
/// <param name="Lower">10th percentile of scaled residuals.</param>
/// <param name="Upper">90th percentile of scaled residuals.</param>
/// <param name="Median">Median of scaled residuals (reported; the p50 is the point forecast).</param>
/// <param name="Count">Residuals used.</param>
public sealed record IntervalCalibration(double Lower, double Upper, double Median, int Count)
{
    /// <summary>A zero-width interval, used when no residual is available.</summary>
    public static IntervalCalibration Empty { get; } = new(0, 0, 0, 0);

    /// <summary>Builds the calibration from scaled residuals (NaN ignored). Empirical quantiles with linear interpolation.</summary>
    public static IntervalCalibration FromResiduals(IEnumerable<double> scaledResiduals)
    {
        var r = scaledResiduals.Where(double.IsFinite).ToArray();
        if (r.Length == 0)
        {
            return Empty;
        }

        Array.Sort(r);
        return new IntervalCalibration(Quantile(r, 0.1), Quantile(r, 0.9), Quantile(r, 0.5), r.Length);
    }

    /// <summary>(p10, p90) around <paramref name="point"/> for a series of MASE scale <paramref name="scale"/>.</summary>
    public (double P10, double P90) Interval(double point, double scale, bool nonNegative)
    {
        var s = double.IsFinite(scale) && scale > 0 ? scale : 0;
        var lo = Math.Min(point, point + (Lower * s));
        var hi = Math.Max(point, point + (Upper * s));
        return nonNegative ? (Math.Max(0, lo), Math.Max(0, hi)) : (lo, hi);
    }

    internal static double Quantile(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }
}
