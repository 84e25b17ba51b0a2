using System.Diagnostics;
using Obrador.Forecasting.Metrics;
using Obrador.Forecasting.Models;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Backtesting;

/// <summary>Rolling-origin mechanics shared by the engine and the benchmark (which scores peers' predictions with it).</summary>
internal static class Backtester
{
    /// <summary>Origin columns, oldest first; throws <see cref="ForecastException"/> when the panel is too short.</summary>
    public static int[] OriginIndices(SeriesPanel panel, BacktestOptions options, int maxHorizon)
    {
        var lastData = panel.LastObserved.Max();
        var last = options.LastOrigin is { } d ? panel.IndexOf(d) : lastData - maxHorizon;
        var origins = Enumerable.Range(0, options.Origins).Select(k => last - (k * options.Step)).Where(o => o >= 1).Reverse().ToArray();
        if (origins.Length == 0)
        {
            throw new ForecastException($"The panel ({panel.Length} steps) is too short for horizon {maxHorizon} and {options.Origins} origins.");
        }

        return origins;
    }

    /// <summary>
    /// Fits at each origin and returns predictions [origin][series][horizon index], plus the last fit. Global models are
    /// refitted at origins whose distance to origins[<paramref name="anchor"/>] is a multiple of <see cref="BacktestOptions.GlobalRefitEvery"/> of <paramref name="schedule"/>
    /// (and at the first origin), so warm-up origins before the anchor do not shift the refits of the scored ones.
    /// </summary>
    /// <remarks>With <see cref="BacktestOptions.ShortHorizonRefitEvery"/> set, a global model's horizons
    /// h ≤ <see cref="BacktestOptions.ShortHorizonMax"/> are refitted (alone) on that schedule too, and their forecasts
    /// replace those of the last full fit. At an origin without a full refit, a fit that can be continued
    /// (<see cref="IContinuableFit"/>, e.g. <see cref="Models.Gbm.GbmOptions.ContinueRounds"/>) is continued from the last
    /// full fit on the rows available there and forecasts with that copy; the returned last fit is the last full one.</remarks>
    public static (double[][][] Predictions, IFittedModel Last, TimeSpan Elapsed) Run(
        IForecastModel model, SeriesPanel panel, int[] origins, int anchor, int[] horizons, bool nonNegative, BacktestOptions schedule, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var preds = new double[origins.Length][][];
        IFittedModel? fitted = null;
        var shortHorizons = horizons.Where(h => h <= schedule.ShortHorizonMax).ToArray();
        static bool Due(int o, int anchor, int every) => (((o - anchor) % every) + every) % every == 0;
        for (var o = 0; o < origins.Length; o++)
        {
            ct.ThrowIfCancellationRequested();
            var full = fitted is null || model is LocalModel || Due(o, anchor, schedule.GlobalRefitEvery);
            if (full)
            {
                fitted = model.Fit(panel, origins[o], horizons, ct);
            }

            var current = !full && fitted is IContinuableFit { CanContinue: true } continuable
                ? continuable.ContinueTo(panel, origins[o], ct)
                : fitted!;
            preds[o] = current.Predict(panel, origins[o], horizons, ct);
            if (!full && shortHorizons.Length > 0 && schedule.ShortHorizonRefitEvery is { } every && Due(o, anchor, every))
            {
                var shortPreds = model.Fit(panel, origins[o], shortHorizons, ct).Predict(panel, origins[o], shortHorizons, ct);
                for (var hi = 0; hi < horizons.Length; hi++)
                {
                    var j = Array.IndexOf(shortHorizons, horizons[hi]);
                    for (var s = 0; j >= 0 && s < preds[o].Length; s++)
                    {
                        preds[o][s][hi] = shortPreds[s][j];
                    }
                }
            }
            if (nonNegative)
            {
                foreach (var row in preds[o])
                {
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = Math.Max(0, row[i]);
                    }
                }
            }
        }

        return (preds, fitted!, sw.Elapsed);
    }

    /// <summary>MASE scale of every series at column <paramref name="origin"/> (history up to and including it).</summary>
    public static double[] Scales(SeriesPanel panel, int origin)
    {
        var m = panel.Frequency.DefaultSeasonLength();
        var scales = new double[panel.Count];
        var buffer = new double[Math.Min(origin + 1, panel.Length)];
        for (var s = 0; s < panel.Count; s++)
        {
            for (var t = 0; t < buffer.Length; t++)
            {
                buffer[t] = panel.Observed(s, t);
            }

            scales[s] = ForecastMetrics.SeasonalScale(buffer, m);
        }

        return scales;
    }

    /// <summary>Scores predictions [origin][series][horizon index] against the panel's actuals (closed and missing targets skipped).</summary>
    public static ModelBacktest Evaluate(string name, SeriesPanel panel, int[] origins, int[] horizons, double[][][] preds, bool nonNegative)
    {
        var nH = horizons.Length;
        var scales = origins.Select(o => Scales(panel, o)).ToArray();
        var resid = new List<double>[origins.Length, nH];
        var total = new MetricAccumulator[nH];
        var perSeries = new MetricAccumulator[panel.Count, nH];
        for (var h = 0; h < nH; h++)
        {
            total[h] = new MetricAccumulator();
            for (var s = 0; s < panel.Count; s++)
            {
                perSeries[s, h] = new MetricAccumulator();
            }

            for (var o = 0; o < origins.Length; o++)
            {
                resid[o, h] = [];
            }
        }

        for (var o = 0; o < origins.Length; o++)
        {
            for (var s = 0; s < panel.Count; s++)
            {
                for (var h = 0; h < nH; h++)
                {
                    var actual = panel.Observed(s, origins[o] + horizons[h]);
                    var yhat = preds[o][s][h];
                    if (double.IsNaN(actual) || panel.FirstObserved[s] < 0 || panel.FirstObserved[s] > origins[o])
                    {
                        continue;
                    }

                    total[h].Add(actual, yhat, scales[o][s]);
                    perSeries[s, h].Add(actual, yhat, scales[o][s]);
                    if (scales[o][s] > 0)
                    {
                        resid[o, h].Add((actual - yhat) / scales[o][s]);
                    }
                }
            }
        }

        var calibration = new Dictionary<int, IntervalCalibration>();
        for (var h = 0; h < nH; h++)
        {
            calibration[horizons[h]] = IntervalCalibration.FromResiduals(Enumerable.Range(0, origins.Length).SelectMany(o => resid[o, h]));

            // Leave-one-origin-out: the interval scored at origin o is calibrated on the other origins only.
            for (var o = 0; o < origins.Length && origins.Length > 1; o++)
            {
                var cal = IntervalCalibration.FromResiduals(Enumerable.Range(0, origins.Length).Where(k => k != o).SelectMany(k => resid[k, h]));
                for (var s = 0; s < panel.Count; s++)
                {
                    var actual = panel.Observed(s, origins[o] + horizons[h]);
                    if (double.IsNaN(actual) || panel.FirstObserved[s] < 0 || panel.FirstObserved[s] > origins[o])
                    {
                        continue;
                    }

                    var (lo, hi) = cal.Interval(preds[o][s][h], scales[o][s], nonNegative);
                    total[h].AddInterval(actual, lo, hi);
                    perSeries[s, h].AddInterval(actual, lo, hi);
                }
            }
        }

        var bySeries = new Dictionary<string, IReadOnlyDictionary<int, MetricSet>>(StringComparer.Ordinal);
        for (var s = 0; s < panel.Count; s++)
        {
            bySeries[panel.Series[s].Id] = Enumerable.Range(0, nH).ToDictionary(h => horizons[h], h => perSeries[s, h].ToMetrics());
        }

        return new ModelBacktest
        {
            Model = name,
            ByHorizon = Enumerable.Range(0, nH).ToDictionary(h => horizons[h], h => total[h].ToMetrics()),
            BySeries = bySeries,
            Calibration = calibration,
        };
    }
}
