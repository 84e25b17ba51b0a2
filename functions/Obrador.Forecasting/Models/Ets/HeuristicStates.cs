namespace Obrador.Forecasting.Models.Ets;

/// <summary>
/// Heuristic initial ETS states (Hyndman et al. 2008, §2.6.1): level = mean of the first season, trend = mean change
/// between the first two seasons, season = mean deviation of each position from the level over the first four observed
/// seasons, centred to sum 0. Missing values (NaN) are skipped; a position never observed gets 0.
/// </summary>
internal static class HeuristicStates
{
    /// <summary>(ℓ₀, b₀, s₀…s_{m−1}) for <paramref name="y"/>; b₀ = 0 without trend, an empty season of length 1 without season.</summary>
    public static (double Level, double Trend, double[] Season) Compute(double[] y, int m, bool trend, bool seasonal)
    {
        var first = NanMean(y, 0, Math.Max(m, Math.Min(y.Length, 7)));
        var level = double.IsNaN(first) ? 0 : first;
        var second = NanMean(y, m, 2 * m);
        var slope = trend && !double.IsNaN(second) && !double.IsNaN(first) ? (second - first) / m : 0;
        var season = new double[m];
        if (seasonal)
        {
            for (var i = 0; i < m; i++)
            {
                var v = NanMean(y, i, y.Length, m, 4);
                season[i] = double.IsNaN(v) ? 0 : v - level;
            }

            var mean = season.Average();
            for (var i = 0; i < m; i++)
            {
                season[i] -= mean;
            }
        }

        return (level, slope, season);
    }

    private static double NanMean(double[] v, int from, int to, int stride = 1, int maxCount = int.MaxValue)
    {
        double sum = 0;
        var n = 0;
        for (var i = from; i < Math.Min(to, v.Length) && n < maxCount; i += stride)
        {
            if (!double.IsNaN(v[i]))
            {
                sum += v[i];
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }
}
