using System.Diagnostics;
using System.Globalization;
using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Models;
using Obrador.Forecasting.Models.Ensemble;
using Obrador.Forecasting.Models.Ets;
using Obrador.Forecasting.Models.Gbm;
using Obrador.Forecasting.Selection;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting;

/// <summary>
/// The forecasting entry point: <see cref="Backtest"/> compares the configured models on a rolling origin,
/// <see cref="Train"/> picks the champion and fits it, <see cref="Predict"/> scores every series × horizon with
/// p10/p50/p90. Thread-safe; every result is a deterministic function of the inputs and options
/// (only <see cref="SeriesForecast.GeneratedAt"/> reads the injected clock).
/// </summary>
public sealed class ForecastEngine
{
    private readonly ForecastEngineOptions options;
    private readonly TimeProvider time;

    /// <summary>Creates an engine; validates <paramref name="options"/> (default options when null).</summary>
    public ForecastEngine(ForecastEngineOptions? options = null, TimeProvider? timeProvider = null)
    {
        this.options = options ?? new ForecastEngineOptions();
        this.options.Validate();
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// The base models compared, in order: seasonal naive, moving average, ETS, GBM, the absolute-error GBM
    /// (<c>gbm_l1</c>), then custom models. The forecast
    /// combination (<see cref="EnsembleModel"/>) is built from their backtest and reported after them.
    /// </summary>
    public IReadOnlyList<IForecastModel> Models()
    {
        var models = new List<IForecastModel> { new SeasonalNaiveModel(options.SeasonalNaive) };
        if (options.MovingAverage is { } ma)
        {
            models.Add(new MovingAverageModel(ma));
        }

        if (options.Ets is { } ets)
        {
            models.Add(new EtsModel(ets));
        }

        if (options.Gbm is { } gbm)
        {
            models.Add(new GbmModel(gbm));
        }

        if (options.GbmMedian is { } median)
        {
            models.Add(new GbmModel(median, GbmModel.MedianName));
        }

        models.AddRange(options.CustomModels);
        return models;
    }

    /// <summary>
    /// Rolling-origin backtest of every model, then of the combination and of per-series selection (<c>per_series</c>)
    /// when enabled; the champion has the lowest mean wMAPE over the horizons (<c>per_series</c> only when strictly
    /// better than the best other row). The combination's final weights and the per-series map are decided at the
    /// panel's last observed column.
    /// </summary>
    /// <exception cref="ForecastException">The panel is too short for the backtest design.</exception>
    public BacktestReport Backtest(SeriesPanel panel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return RunBacktest(panel, options.Backtest, panel.LastObserved.Max(), cancellationToken);
    }

    /// <summary>
    /// Backtests with the last origin at <paramref name="trainEnd"/> − max horizon (default: the panel's last date),
    /// then refits the champion on everything up to <paramref name="trainEnd"/> (ETS frozen per series, so the result
    /// can be stored with <see cref="Artifacts.ForecasterArtifact"/> and scored without re-estimating).
    /// </summary>
    public TrainedForecaster Train(SeriesPanel panel, DateOnly? trainEnd = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var end = trainEnd ?? panel.LastDate;
        var endIndex = panel.IndexOf(end);
        var backtest = options.Backtest.LastOrigin is null
            ? options.Backtest with { LastOrigin = panel.DateAt(endIndex - options.Horizons.Max()) }
            : options.Backtest;
        var report = RunBacktest(panel, backtest, endIndex, cancellationToken);
        var fitted = ChampionFit.Fit(options, Models(), panel, endIndex, report, cancellationToken);
        return new TrainedForecaster
        {
            Family = options.Family,
            Version = VersionOf(panel, endIndex, report.Champion),
            TrainStart = panel.Start,
            TrainEnd = end,
            Horizons = options.Horizons,
            Model = fitted,
            Calibration = report[report.Champion].Calibration,
            Backtest = report,
        };
    }

    /// <summary>
    /// Forecasts every series with at least one observation up to <paramref name="origin"/>, for every horizon of the
    /// trained model, ordered by series then horizon. Known closed target dates get 0/0/0.
    /// </summary>
    public IReadOnlyList<SeriesForecast> Predict(TrainedForecaster model, SeriesPanel panel, DateOnly origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(panel);
        var o = panel.IndexOf(origin);
        var horizons = model.Horizons.ToArray();
        var points = model.Model.Predict(panel, o, horizons, cancellationToken);
        var scales = Backtester.Scales(panel, o);
        var generated = time.GetUtcNow();
        var result = new List<SeriesForecast>(panel.Count * horizons.Length);
        for (var s = 0; s < panel.Count; s++)
        {
            if (panel.FirstObserved[s] < 0 || panel.FirstObserved[s] > o)
            {
                continue;
            }

            for (var i = 0; i < horizons.Length; i++)
            {
                var target = o + horizons[i];
                var closed = target < panel.Length && panel.Closed[s][target];
                var p50 = options.NonNegative ? Math.Max(0, points[s][i]) : points[s][i];
                var cal = model.Calibration.TryGetValue(horizons[i], out var c) ? c : IntervalCalibration.Empty;
                var (p10, p90) = cal.Interval(p50, scales[s], options.NonNegative);
                result.Add(new SeriesForecast
                {
                    SeriesId = panel.Series[s].Id,
                    Origin = origin,
                    Horizon = horizons[i],
                    TargetDate = panel.DateAt(target),
                    P10 = closed ? 0 : p10,
                    P50 = closed ? 0 : p50,
                    P90 = closed ? 0 : p90,
                    Closed = closed,
                    Model = model.Model is PerSeriesFittedModel ps ? ps.ModelFor(panel.Series[s].Id, horizons[i]) : model.Model.Name,
                    ModelVersion = model.Version,
                    GeneratedAt = generated,
                    TopFeatures = options.TopFeatures == 0 || closed ? [] : model.Model.Explain(panel, s, o, horizons[i], options.TopFeatures),
                });
            }
        }

        return result;
    }

    /// <summary>True when the combination is configured and all its members are enabled.</summary>
    private bool EnsembleEnabled(IReadOnlyList<IForecastModel> models) =>
        options.Ensemble is { } e && e.Members.All(n => models.Any(m => m.Name == n));

    private BacktestReport RunBacktest(SeriesPanel panel, BacktestOptions backtest, int decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(panel);
        backtest.Validate();
        var horizons = options.Horizons.ToArray();
        var models = Models();
        var ensemble = EnsembleEnabled(models) ? options.Ensemble : null;

        // Warm-up origins (forecast by every model, scored by none) give the combination and per-series selection realized errors from its first reported origin on.
        var all = Backtester.OriginIndices(panel, backtest with { Origins = backtest.Origins + Math.Max(ensemble?.WarmupOrigins ?? 0, options.PerSeries?.WarmupOrigins ?? 0) }, horizons.Max());
        var first = Math.Max(0, all.Length - backtest.Origins);
        var origins = all[first..];
        var results = new List<ModelBacktest>();
        var predictions = new Dictionary<string, double[][][]>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            var (preds, last, elapsed) = Backtester.Run(model, panel, all, first, horizons, options.NonNegative, backtest, cancellationToken);
            predictions[model.Name] = preds;
            results.Add(Backtester.Evaluate(model.Name, panel, origins, horizons, preds[first..], options.NonNegative) with
            {
                Importance = last.Importance,
                Elapsed = elapsed,
                Predictions = preds[first..],
            });
        }

        IReadOnlyDictionary<int, IReadOnlyList<double>> weights = new Dictionary<int, IReadOnlyList<double>>();
        if (ensemble is not null)
        {
            var sw = Stopwatch.StartNew();
            var members = ensemble.Members.Select(n => predictions[n]).ToArray();

            // Every origin (warm-up included, each with weights decided at itself) so per-series selection can judge the combination too.
            var preds = EnsembleBacktest.Predictions(panel, all, 0, horizons, members, ensemble);
            predictions[EnsembleModel.ModelName] = preds;
            weights = Enumerable.Range(0, horizons.Length).ToDictionary(
                hi => horizons[hi],
                hi => (IReadOnlyList<double>)EnsembleBacktest.WeightsAt(panel, all, horizons, hi, members, decision, ensemble));
            var memberResults = results.Where(r => ensemble.Members.Contains(r.Model, StringComparer.Ordinal)).ToArray();
            results.Add(Backtester.Evaluate(EnsembleModel.ModelName, panel, origins, horizons, preds[first..], options.NonNegative) with
            {
                Importance = EnsembleFittedModel.Merge(memberResults.Select(r => r.Importance)),
                Elapsed = sw.Elapsed + memberResults.Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed),
                Predictions = preds[first..],
            });
        }

        var global = Best(results);
        var seriesChampions = new Dictionary<string, IReadOnlyDictionary<int, string>>(StringComparer.Ordinal);
        var names = results.Select(r => r.Model).Where(n => options.PerSeries?.Candidates is not { } c || c.Contains(n, StringComparer.Ordinal)).ToList();
        if (options.PerSeries is { } perSeries && names.Count >= 2)
        {
            var sw = Stopwatch.StartNew();
            var candidates = names.Select(n => predictions[n]).ToArray();
            var preds = PerSeriesSelector.Predictions(panel, all, first, horizons, candidates, perSeries);
            var championIndex = names.IndexOf(global.Model) is var g and >= 0 ? g : PerSeriesSelector.Champion(panel, all, horizons, candidates, decision, perSeries.Window);
            var choice = PerSeriesSelector.Choose(panel, all, horizons, candidates, decision, championIndex, perSeries);
            for (var s = 0; s < panel.Count; s++)
            {
                seriesChampions[panel.Series[s].Id] = Enumerable.Range(0, horizons.Length).ToDictionary(hi => horizons[hi], hi => names[choice[s][hi]]);
            }

            var used = choice.SelectMany(c => c).Append(championIndex).Distinct().Select(i => results.First(r => r.Model == names[i])).ToArray();
            results.Add(Backtester.Evaluate(PerSeriesFittedModel.ModelName, panel, origins, horizons, preds, options.NonNegative) with
            {
                Importance = EnsembleFittedModel.Merge(used.Select(r => r.Importance)),
                Elapsed = sw.Elapsed + results.Where(r => r.Model != EnsembleModel.ModelName).Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed),
                Predictions = preds,
            });
        }

        return new BacktestReport
        {
            Origins = origins.Select(panel.DateAt).ToArray(),
            Horizons = horizons,
            Models = results,
            Champion = Best(results).Model,
            GlobalChampion = global.Model,
            SeriesChampions = seriesChampions,
            EnsembleWeights = weights,
        };
    }

    /// <summary>Lowest mean wMAPE; ties keep the earlier model (so per-series selection must be strictly better).</summary>
    private static ModelBacktest Best(List<ModelBacktest> results) =>
        results.Where(r => double.IsFinite(r.MeanWmape)).OrderBy(r => r.MeanWmape).FirstOrDefault() ?? results[0];

    private string VersionOf(SeriesPanel panel, int endIndex, string champion)
    {
        // FNV-1a over the training values and the settings that shape the model: same data + same options = same version.
        var hash = 14695981039346656037UL;
        void Mix(ulong v)
        {
            hash ^= v;
            hash *= 1099511628211UL;
        }

        for (var s = 0; s < panel.Count; s++)
        {
            foreach (var ch in panel.Series[s].Id)
            {
                Mix(ch);
            }

            for (var t = 0; t <= Math.Min(endIndex, panel.Length - 1); t++)
            {
                Mix((ulong)BitConverter.DoubleToInt64Bits(panel.Observed(s, t)));
            }
        }

        foreach (var ch in options.ToString())
        {
            Mix(ch);
        }

        var date = panel.DateAt(endIndex).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return $"{options.Family}-{champion}-{date}-{hash % 0xFFFFFFFFUL:x8}";
    }
}
