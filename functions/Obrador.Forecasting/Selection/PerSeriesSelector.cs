using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Selection;

/// <summary>
/// The per-series selection rule and its out-of-sample backtest, from candidates' backtest forecasts
/// [origin][series][horizon index] over every origin (warm-up included).
/// </summary>
/// <remarks>
/// <para>At a decision column d and horizon h, the realized origins are the most recent <see cref="PerSeriesOptions.Window"/>
/// origins k with origin_k + h ≤ d (their targets are observed at d). The global champion at d is the candidate with
/// the lowest mean over horizons of its pooled wMAPE (Σ|y − ŷ| / Σ|y|) on those origins, as the engine's champion rule.
/// Series s keeps it at horizon h unless (1) s has an actual at ≥ <see cref="PerSeriesOptions.MinOrigins"/> of the
/// realized origins, (2) ≥ <see cref="PerSeriesOptions.MinNonZeroActuals"/> of them are non-zero, and (3) the candidate
/// with the lowest Σ|y − ŷ| on those cells beats the champion's by ≥ <see cref="PerSeriesOptions.MinRelativeImprovement"/>;
/// then it takes that candidate. Ties keep the champion, then candidate order. No realized origin at all: the first candidate.</para>
/// <para>In the backtest the rule is applied at every reported origin with d = that origin, so the per-series forecast
/// there uses only errors realized before it (as the combination's weights).</para>
/// </remarks>
internal static class PerSeriesSelector
{
    /// <summary>Indices of the realized origins for horizon <paramref name="h"/> at <paramref name="decision"/>, oldest first.</summary>
    public static int[] Realized(int[] origins, int h, int decision, int window) =>
        Enumerable.Range(0, origins.Length).Where(k => origins[k] + h <= decision).TakeLast(window).ToArray();

    /// <summary>Index of the global champion among <paramref name="candidates"/> at <paramref name="decision"/>.</summary>
    public static int Champion(SeriesPanel panel, int[] origins, int[] horizons, IReadOnlyList<double[][][]> candidates, int decision, int window)
    {
        var best = 0;
        var bestScore = double.PositiveInfinity;
        for (var c = 0; c < candidates.Count; c++)
        {
            double sum = 0;
            var n = 0;
            for (var hi = 0; hi < horizons.Length; hi++)
            {
                double err = 0, abs = 0;
                foreach (var k in Realized(origins, horizons[hi], decision, window))
                {
                    for (var s = 0; s < panel.Count; s++)
                    {
                        var y = EnsembleBacktest.Actual(panel, s, origins[k], horizons[hi]);
                        if (!double.IsNaN(y))
                        {
                            err += Math.Abs(y - candidates[c][k][s][hi]);
                            abs += Math.Abs(y);
                        }
                    }
                }

                if (abs > 0 && double.IsFinite(err))
                {
                    sum += err / abs;
                    n++;
                }
            }

            var score = n == 0 ? double.PositiveInfinity : sum / n;
            if (score < bestScore)
            {
                best = c;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>The candidate index of every series × horizon at <paramref name="decision"/>, given the champion's index.</summary>
    public static int[][] Choose(SeriesPanel panel, int[] origins, int[] horizons, IReadOnlyList<double[][][]> candidates, int decision, int champion, PerSeriesOptions options)
    {
        var choice = new int[panel.Count][];
        var realized = horizons.Select(h => Realized(origins, h, decision, options.Window)).ToArray();
        var errors = new double[candidates.Count];
        for (var s = 0; s < panel.Count; s++)
        {
            choice[s] = new int[horizons.Length];
            for (var hi = 0; hi < horizons.Length; hi++)
            {
                choice[s][hi] = champion;
                int cells = 0, nonZero = 0;
                Array.Clear(errors);
                foreach (var k in realized[hi])
                {
                    var y = EnsembleBacktest.Actual(panel, s, origins[k], horizons[hi]);
                    if (double.IsNaN(y))
                    {
                        continue;
                    }

                    cells++;
                    nonZero += y != 0 ? 1 : 0;
                    for (var c = 0; c < candidates.Count; c++)
                    {
                        errors[c] += Math.Abs(y - candidates[c][k][s][hi]);
                    }
                }

                if (cells < options.MinOrigins || nonZero < options.MinNonZeroActuals || !double.IsFinite(errors[champion]))
                {
                    continue;
                }

                var best = champion;
                for (var c = 0; c < candidates.Count; c++)
                {
                    if (errors[c] < errors[best])
                    {
                        best = c;
                    }
                }

                if (errors[best] <= (1 - options.MinRelativeImprovement) * errors[champion] && errors[best] < errors[champion])
                {
                    choice[s][hi] = best;
                }
            }
        }

        return choice;
    }

    /// <summary>
    /// Per-series forecasts [origin][series][horizon index] for origins[<paramref name="first"/>..], each chosen with the
    /// rule applied at its own origin.
    /// </summary>
    public static double[][][] Predictions(SeriesPanel panel, int[] origins, int first, int[] horizons, IReadOnlyList<double[][][]> candidates, PerSeriesOptions options)
    {
        var result = new double[origins.Length - first][][];
        for (var j = first; j < origins.Length; j++)
        {
            var champion = Champion(panel, origins, horizons, candidates, origins[j], options.Window);
            var choice = Choose(panel, origins, horizons, candidates, origins[j], champion, options);
            result[j - first] = Enumerable.Range(0, panel.Count)
                .Select(s => Enumerable.Range(0, horizons.Length).Select(hi => candidates[choice[s][hi]][j][s][hi]).ToArray())
                .ToArray();
        }

        return result;
    }
}
