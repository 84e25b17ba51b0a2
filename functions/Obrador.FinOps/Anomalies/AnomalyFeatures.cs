namespace Obrador.FinOps.Anomalies;

/// <summary>
/// Engineered features per scored point, the isolation forest's input (all scale-free, so one forest serves every
/// scope): robust z (clamped to ±50), log ratio to the trailing 7-day and 28-day means, log day-over-day change, and
/// log ratio of the scope's share of its parent to the trailing 28-day median share (0 without a parent).
/// Log ratios use ε = 1% of the expected value so zero days stay finite.
/// </summary>
internal static class AnomalyFeatures
{
    public const int Count = 5;

    public static void Fill(ScopeSeries series, BaselineResult b, int t, Span<double> f)
    {
        var y = series.Values;
        var eps = (0.01 * Math.Abs(b.Expected[t])) + 1e-9;
        f[0] = Math.Clamp(b.Z[t], -50, 50);
        f[1] = Math.Log((y[t] + eps) / (TrailingMean(y, t, 7) + eps));
        f[2] = Math.Log((y[t] + eps) / (TrailingMean(y, t, 28) + eps));
        f[3] = Math.Log((y[t] + eps) / (y[t - 1] + eps));
        f[4] = 0;
        if (series.ParentValues is { } parent)
        {
            var share = parent[t] > 0 ? y[t] / parent[t] : 0;
            Span<double> past = stackalloc double[28];
            var k = 0;
            for (var i = Math.Max(0, t - 28); i < t; i++)
            {
                past[k++] = parent[i] > 0 ? y[i] / parent[i] : 0;
            }

            past = past[..k];
            past.Sort();
            var med = k == 0 ? share : (k % 2 == 1 ? past[k / 2] : 0.5 * (past[(k / 2) - 1] + past[k / 2]));
            f[4] = Math.Log((share + 1e-6) / (med + 1e-6));
        }
    }

    private static double TrailingMean(double[] y, int t, int days)
    {
        var from = Math.Max(0, t - days);
        var sum = 0.0;
        for (var i = from; i < t; i++)
        {
            sum += y[i];
        }

        return t > from ? sum / (t - from) : y[t];
    }
}
