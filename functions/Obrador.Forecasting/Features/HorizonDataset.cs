using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Features;

/// <summary>
/// Feature rows for one horizon h: one row per (series, origin t), target = value at t + h divided by the series
/// level at t. Row-major <see cref="X"/> (rows × features). Shared by the GBM and the benchmark's export to the
/// Python peer, so both learn from literally the same matrix.
/// </summary>
internal sealed class HorizonDataset
{
    public required int Horizon { get; init; }

    public required int FeatureCount { get; init; }

    public required float[] X { get; init; }

    /// <summary>Scaled target (NaN when unknown: prediction rows).</summary>
    public required double[] Y { get; init; }

    public required double[] Level { get; init; }

    public required int[] Series { get; init; }

    public required int[] Origin { get; init; }

    public int Rows => Series.Length;

    /// <summary>
    /// Training rows: every (s, t) with firstObserved(s) ≤ t, minOrigin ≤ t, t + h ≤ <paramref name="trainEnd"/>,
    /// an observed (not closed) target and a positive level.
    /// </summary>
    public static HorizonDataset Training(FeatureBuilder features, SeriesPanel panel, int h, int trainEnd, int minOrigin)
    {
        var pairs = new List<(int S, int T)>();
        for (var s = 0; s < panel.Count; s++)
        {
            var first = panel.FirstObserved[s];
            if (first < 0)
            {
                continue;
            }

            for (var t = Math.Max(first, minOrigin); t + h <= trainEnd; t++)
            {
                if (!double.IsNaN(panel.Observed(s, t + h)))
                {
                    pairs.Add((s, t));
                }
            }
        }

        return Build(features, panel, h, pairs, withTarget: true);
    }

    /// <summary>Prediction rows at origin <paramref name="origin"/> for the given series.</summary>
    public static HorizonDataset AtOrigin(FeatureBuilder features, SeriesPanel panel, int h, int origin, IEnumerable<int> series) =>
        Build(features, panel, h, series.Select(s => (s, origin)).ToList(), withTarget: false);

    private static HorizonDataset Build(FeatureBuilder features, SeriesPanel panel, int h, List<(int S, int T)> pairs, bool withTarget)
    {
        var f = features.Count;
        var levels = new double[pairs.Count];
        Parallel.For(0, pairs.Count, i => levels[i] = features.Level(pairs[i].S, pairs[i].T));
        var keep = Enumerable.Range(0, pairs.Count).Where(i => !withTarget || levels[i] > 0).ToArray();
        var x = new float[(long)keep.Length * f];
        var y = new double[keep.Length];
        Parallel.For(0, keep.Length, r =>
        {
            var (s, t) = pairs[keep[r]];
            var level = levels[keep[r]];
            features.Fill(s, t, h, level, x.AsSpan(r * f, f));
            y[r] = withTarget && level > 0 ? panel.Observed(s, t + h) / level : double.NaN;
        });
        return new HorizonDataset
        {
            Horizon = h,
            FeatureCount = f,
            X = x,
            Y = y,
            Level = keep.Select(i => levels[i]).ToArray(),
            Series = keep.Select(i => pairs[i].S).ToArray(),
            Origin = keep.Select(i => pairs[i].T).ToArray(),
        };
    }
}
