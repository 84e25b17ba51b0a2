using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Series;

namespace Obrador.Bench.Forecasting;

/// <summary>
/// Per-origin wMAPE and a paired origin-block bootstrap of wMAPE differences (ours − peer): origins are resampled with
/// replacement (2,000 draws, seed 0) and the difference of pooled wMAPE is recomputed on the same draw for both models,
/// so the interval reflects how much the verdict depends on which weeks happened to be backtested.
/// </summary>
internal static class PairedComparison
{
    public static void Print(SeriesPanel panel, IReadOnlyList<int> origins, IReadOnlyList<int> horizons, IReadOnlyList<(string Model, ModelBacktest Result, double Seconds)> rows)
    {
        var withPreds = rows.Where(r => r.Result.Predictions.Length == origins.Count).ToList();
        var ours = withPreds.Where(r => !r.Model.StartsWith("peer", StringComparison.Ordinal) && r.Model is "gbm" or "gbm_l1" or "ets" or "ensemble").ToList();
        var peers = withPreds.Where(r => r.Model.StartsWith("peer", StringComparison.Ordinal)).ToList();
        for (var hi = 0; hi < horizons.Count; hi++)
        {
            var cells = withPreds.ToDictionary(r => r.Model, r => Cells(panel, origins, horizons[hi], hi, r.Result.Predictions));
            Console.WriteLine($"per-origin wMAPE h{horizons[hi]}: " + string.Join("; ", withPreds.Where(r => r.Model is not ("seasonal_naive" or "moving_average"))
                .Select(r => $"{r.Model} " + string.Join(" ", cells[r.Model].Select(c => $"{100 * c.Error / c.Actual:F1}")))));
            var best = ours.MinBy(r => r.Result.ByHorizon[horizons[hi]].Wmape);
            foreach (var peer in peers)
            {
                var (diff, lo, hiq) = Bootstrap(cells[best.Model], cells[peer.Model]);
                Console.WriteLine($"  h{horizons[hi]} best ours {best.Model} − {peer.Model}: {diff:+0.00;-0.00} wMAPE points, 90 % origin-bootstrap [{lo:+0.00;-0.00}, {hiq:+0.00;-0.00}]");
            }
        }
    }

    /// <summary>Per origin: Σ|actual − forecast| and Σ|actual| over scored cells (same rule as <see cref="Backtester.Evaluate"/>).</summary>
    private static (double Error, double Actual)[] Cells(SeriesPanel panel, IReadOnlyList<int> origins, int h, int hi, double[][][] preds)
    {
        var result = new (double, double)[origins.Count];
        for (var o = 0; o < origins.Count; o++)
        {
            double err = 0, act = 0;
            for (var s = 0; s < panel.Count; s++)
            {
                var y = panel.Observed(s, origins[o] + h);
                if (double.IsNaN(y) || panel.FirstObserved[s] < 0 || panel.FirstObserved[s] > origins[o])
                {
                    continue;
                }

                err += Math.Abs(y - preds[o][s][hi]);
                act += Math.Abs(y);
            }

            result[o] = (err, act);
        }

        return result;
    }

    private static (double Diff, double Lo, double Hi) Bootstrap((double Error, double Actual)[] a, (double Error, double Actual)[] b)
    {
        static double Diff((double Error, double Actual)[] a, (double Error, double Actual)[] b, int[] pick) =>
            100 * (pick.Sum(i => a[i].Error) - pick.Sum(i => b[i].Error)) / pick.Sum(i => a[i].Actual);

        var all = Enumerable.Range(0, a.Length).ToArray();
        var rng = new Random(0);
        var draws = Enumerable.Range(0, 2000).Select(_ => Diff(a, b, all.Select(_ => rng.Next(a.Length)).ToArray())).Order().ToArray();
        return (Diff(a, b, all), draws[(int)(0.05 * (draws.Length - 1))], draws[(int)(0.95 * (draws.Length - 1))]);
    }
}
