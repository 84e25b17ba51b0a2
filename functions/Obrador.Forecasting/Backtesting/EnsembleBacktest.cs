using Obrador.Forecasting.Models.Ensemble;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Backtesting;

/// <summary>
/// Weights and backtest forecasts of the forecast combination from its members' backtest forecasts, using at each
/// decision point only the origins whose targets are observed by then (see <see cref="EnsembleModel"/>).
/// </summary>
internal static class EnsembleBacktest
{
    /// <summary>
    /// Weights for horizon <paramref name="horizons"/>[<paramref name="hi"/>] decided at column <paramref name="decision"/>:
    /// from the most recent <see cref="EnsembleOptions.WeightWindow"/> origins k with origins[k] + h ≤ decision.
    /// </summary>
    /// <param name="panel">The panel (actuals).</param>
    /// <param name="origins">All backtest origins (warm-up included), oldest first.</param>
    /// <param name="horizons">Horizons in steps.</param>
    /// <param name="hi">Index of the horizon.</param>
    /// <param name="members">Per member, forecasts [origin][series][horizon index] aligned with <paramref name="origins"/>.</param>
    /// <param name="decision">Last column known when the weights are chosen.</param>
    /// <param name="options">Grid step and window.</param>
    public static double[] WeightsAt(SeriesPanel panel, int[] origins, int[] horizons, int hi, IReadOnlyList<double[][][]> members, int decision, EnsembleOptions options)
    {
        var h = horizons[hi];
        var realized = Enumerable.Range(0, origins.Length).Where(k => origins[k] + h <= decision).TakeLast(options.WeightWindow).ToArray();
        var rows = realized.SelectMany(k => Enumerable.Range(0, panel.Count).Select(s => (K: k, S: s))).ToArray();
        var forecasts = members.Select(m => rows.Select(r => m[r.K][r.S][hi]).ToArray()).ToList();
        var actuals = rows.Select(r => Actual(panel, r.S, origins[r.K], h)).ToArray();
        return EnsembleWeights.Choose(forecasts, actuals, options.WeightStep);
    }

    /// <summary>Combined forecasts [origin][series][horizon index] for origins[<paramref name="first"/>..], each with weights decided at its own origin.</summary>
    public static double[][][] Predictions(SeriesPanel panel, int[] origins, int first, int[] horizons, IReadOnlyList<double[][][]> members, EnsembleOptions options)
    {
        var result = new double[origins.Length - first][][];
        for (var j = first; j < origins.Length; j++)
        {
            var weights = Enumerable.Range(0, horizons.Length).Select(hi => WeightsAt(panel, origins, horizons, hi, members, origins[j], options)).ToArray();
            var rows = new double[panel.Count][];
            for (var s = 0; s < panel.Count; s++)
            {
                rows[s] = new double[horizons.Length];
                for (var hi = 0; hi < horizons.Length; hi++)
                {
                    double sum = 0;
                    for (var m = 0; m < members.Count; m++)
                    {
                        sum += weights[hi][m] * members[m][j][s][hi];
                    }

                    rows[s][hi] = double.IsFinite(sum) ? sum : 0;
                }
            }

            result[j - first] = rows;
        }

        return result;
    }

    /// <summary>The actual scored by <see cref="Backtester.Evaluate"/> (NaN when missing, closed or before the series starts).</summary>
    internal static double Actual(SeriesPanel panel, int s, int origin, int h) =>
        panel.FirstObserved[s] < 0 || panel.FirstObserved[s] > origin || origin + h >= panel.Length ? double.NaN : panel.Observed(s, origin + h);
}
