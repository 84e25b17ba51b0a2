using System.Globalization;
using Obrador.Forecasting;
using Obrador.Forecasting.Artifacts;
using Obrador.Forecasting.Metrics;
using Obrador.Forecasting.Series;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Etl.Gold;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Registry;
using PromotionRule = Obrador.Pipeline.Registry.PromotionRule;

namespace Obrador.Pipeline.Models;

/// <summary>
/// Sales forecasting (issue 6): a daily panel of units per <c>{store}|{product}</c> from gold <c>daily_sales</c>
/// (closed days flagged, days without a row missing), <see cref="ForecastEngine.Train"/> with its rolling-origin
/// backtest (stored as <see cref="ForecasterArtifact"/> beside the manifest), and batch scoring of every series ×
/// horizon from the last observed day with a stored model — the promoted champion — without refitting.
/// </summary>
internal sealed class ForecastWorkload(ModelStageOptions options) : IModelWorkload
{
    public const string Name = "sales-forecast";

    private readonly ForecastEngineOptions _engine = options.Forecasting with { Horizons = options.Horizons };

    public string Partition => ModelStages.Forecasting;

    public string ModelName => Name;

    public PromotionRule Rule => options.ForecastPromotion;

    public Task<bool> HasInputAsync(StageContext context, CancellationToken cancellationToken) => GoldData.ExistsAsync(context, "daily_sales", cancellationToken);

    public async Task<(ModelManifest Manifest, IReadOnlyList<string> Warnings)> TrainAsync(StageContext context, CancellationToken cancellationToken)
    {
        var (manifest, warnings, _) = await TrainWithArtifactsAsync(context, cancellationToken).ConfigureAwait(false);
        return (manifest, warnings);
    }

    /// <summary>Trains, and returns the trained forecaster serialised as <see cref="ForecasterArtifact.FileName"/>.</summary>
    public async Task<(ModelManifest Manifest, IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, byte[]> Artifacts)> TrainWithArtifactsAsync(StageContext context, CancellationToken cancellationToken)
    {
        var (rows, panel) = await PanelAsync(context, cancellationToken).ConfigureAwait(false);
        var model = new ForecastEngine(_engine, context.Clock).Train(panel, cancellationToken: cancellationToken);
        var report = model.Backtest;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["wmape"] = report[report.Champion].MeanWmape };
        foreach (var m in report.Models)
        {
            metrics[$"{m.Model}.wmape"] = m.MeanWmape;
            foreach (var (h, s) in m.ByHorizon)
            {
                var p = $"{m.Model}.h{h.ToString("D2", CultureInfo.InvariantCulture)}.";
                metrics[p + "mae"] = s.Mae;
                metrics[p + "rmse"] = s.Rmse;
                metrics[p + "wmape"] = s.Wmape;
                metrics[p + "bias"] = s.Bias;
                metrics[p + "mase"] = s.Mase;
                metrics[p + "coverage"] = s.Coverage;
            }
        }

        context.Logger.LogTrained(Name, context.Run.ServingVersion, rows.Count, "wmape", metrics["wmape"]);
        var manifest = new ModelManifest
        {
            Name = Name,
            Version = context.Run.ServingVersion,
            TrainedAt = context.Clock.GetUtcNow(),
            TrainingFrom = rows.Min(r => r.Date),
            TrainingTo = rows.Max(r => r.Date),
            RowCounts = new Dictionary<string, long> { ["daily_sales"] = rows.Count, ["series"] = panel.Count },
            Parameters = new Dictionary<string, string>
            {
                ["champion"] = report.Champion,
                ["globalChampion"] = report.GlobalChampion,
                ["artifactFormat"] = ForecasterArtifact.FormatVersion.ToString(CultureInfo.InvariantCulture),
                ["engineVersion"] = model.Version,
                ["horizons"] = string.Join(',', options.Horizons),
                ["models"] = string.Join(',', report.Models.Select(m => m.Model)),
            },
            CodeVersion = typeof(ForecastEngine).Assembly.GetName().Version?.ToString() ?? "0",
            Backtest = BacktestProtocol(),
            Metrics = metrics,
            Role = ModelRole.Challenger,
        };
        return (manifest, [], new Dictionary<string, byte[]> { [ForecasterArtifact.FileName] = ForecasterArtifact.Write(model) });
    }

    public async Task<StageOutcome> ScoreAsync(StageContext context, CancellationToken cancellationToken)
    {
        var (_, panel) = await PanelAsync(context, cancellationToken).ConfigureAwait(false);
        var engine = new ForecastEngine(_engine, context.Clock);
        var run = await LoadAsync(context, context.Run.ServingVersion, cancellationToken).ConfigureAwait(false);
        var (model, forecasts, warnings) = await ForecastWithChampionAsync(context, engine, panel, run, cancellationToken).ConfigureAwait(false);
        var v = context.Run.ServingVersion;
        var now = context.Clock.GetUtcNow();
        var rows = new List<TableEntity>(forecasts.Count);
        foreach (var f in forecasts)
        {
            var (store, product) = Split(f.SeriesId);
            rows.Add(new TableEntity(ServingTables.VersionedKey(v, store), $"{product}|{f.Horizon.ToString("D2", CultureInfo.InvariantCulture)}|{ServingRows.Day(f.TargetDate)}")
            {
                ["P10"] = f.P10,
                ["P50"] = f.P50,
                ["P90"] = f.P90,
                ["ModelVersion"] = f.ModelVersion,
                ["GeneratedAt"] = now,
            });
        }

        var written = await ServingRows.ReplaceAsync(context, ServingTables.Forecasts, rows, cancellationToken).ConfigureAwait(false);
        written += await ServingRows.ReplaceAsync(context, ServingTables.ForecastAccuracy, AccuracyRows(model, v), cancellationToken).ConfigureAwait(false);
        return new StageOutcome { Rows = written, Inputs = [model.Version], Warnings = warnings };
    }

    /// <summary>
    /// Forecasts with the registry's champion: this run's model when <c>evaluate</c> promoted it (or no champion has an
    /// artifact), else the promoted champion's stored model, scored at today's origin on today's gold (its GBM reads
    /// the new history, its frozen ETS filters the new observations). When the champion cannot serve (unreadable
    /// artifact, other horizons, other feature schema) this run's model scores instead, with a warning naming why.
    /// </summary>
    private async Task<(TrainedForecaster Model, IReadOnlyList<SeriesForecast> Forecasts, IReadOnlyList<string> Warnings)> ForecastWithChampionAsync(
        StageContext context, ForecastEngine engine, SeriesPanel panel, TrainedForecaster run, CancellationToken ct)
    {
        var champion = await new ModelRegistry(context.Lake, context.Tables).GetChampionAsync(Name, ct).ConfigureAwait(false);
        if (champion is null || champion.Version == context.Run.ServingVersion || !champion.Artifacts.Contains(ForecasterArtifact.FileName))
        {
            return (run, engine.Predict(run, panel, panel.LastDate, ct), []);
        }

        try
        {
            var model = await LoadAsync(context, champion.Version, ct).ConfigureAwait(false);
            if (!model.Horizons.SequenceEqual(options.Horizons))
            {
                throw new ForecastException($"it serves horizons {string.Join(',', model.Horizons)}, not {string.Join(',', options.Horizons)}");
            }

            var forecasts = engine.Predict(model, panel, panel.LastDate, ct);
            return (model, forecasts, [$"{Name}: scored with champion {champion.Version} ({model.Version}); this run's challenger {context.Run.ServingVersion} was not promoted"]);
        }
        catch (Exception ex) when (ex is ForecastException or PipelineException)
        {
            return (run, engine.Predict(run, panel, panel.LastDate, ct), [$"{Name}: champion {champion.Version} cannot score ({ex.Message}); scored with this run's model {run.Version}"]);
        }
    }

    /// <summary>A stored forecaster from its registry artifact (no refit).</summary>
    /// <exception cref="PipelineException">The artifact is missing or unreadable; the message names the file and the problem.</exception>
    private static async Task<TrainedForecaster> LoadAsync(StageContext context, string version, CancellationToken ct)
    {
        var path = ModelRegistry.Folder(Name, version) + ForecasterArtifact.FileName;
        var bytes = await new ModelRegistry(context.Lake, context.Tables).GetArtifactAsync(Name, version, ForecasterArtifact.FileName, ct).ConfigureAwait(false)
            ?? throw new PipelineException($"No {ForecasterArtifact.FileName} for model {Name} {version}: its train stage has not stored it.", "score", ModelStages.Forecasting, path);
        try
        {
            return ForecasterArtifact.Read(bytes);
        }
        catch (ForecastException ex)
        {
            throw new PipelineException(ex.Message, "score", ModelStages.Forecasting, path, inner: ex);
        }
    }

    private string BacktestProtocol() =>
        $"rolling-origin:{_engine.Backtest.Origins}x{_engine.Backtest.Step}:h{string.Join(',', options.Horizons)}";

    private static IEnumerable<TableEntity> AccuracyRows(TrainedForecaster model, string v)
    {
        foreach (var m in model.Backtest.Models)
        {
            foreach (var (h, s) in m.ByHorizon)
            {
                yield return Accuracy(ServingTables.VersionedKey(v, "_all"), m.Model, h, s);
            }

            // Per store: exact count-weighted pooling of MAE, RMSE, bias and coverage; wMAPE pooled as Σ|e| / Σ|y|
            // (Σ|y| recovered per series as Σ|e| / wMAPE); MASE as the count-weighted mean of series MASE.
            foreach (var store in m.BySeries.GroupBy(kv => Split(kv.Key).Store, StringComparer.Ordinal))
            {
                foreach (var h in model.Horizons)
                {
                    var sets = store.Select(kv => kv.Value.TryGetValue(h, out var s) ? s : null).OfType<MetricSet>().Where(s => s.Count > 0).ToList();
                    if (sets.Count > 0)
                    {
                        yield return Accuracy(ServingTables.VersionedKey(v, store.Key), m.Model, h, Pool(sets));
                    }
                }
            }
        }
    }

    private static MetricSet Pool(List<MetricSet> sets)
    {
        double n = sets.Sum(s => s.Count);
        double W(Func<MetricSet, double> f) => sets.Where(s => double.IsFinite(f(s))).Sum(s => s.Count * f(s)) / Math.Max(1, sets.Where(s => double.IsFinite(f(s))).Sum(s => s.Count));
        var absErr = sets.Where(s => double.IsFinite(s.Mae)).Sum(s => s.Count * s.Mae);
        var absY = sets.Where(s => double.IsFinite(s.Mae) && s.Wmape > 0 && double.IsFinite(s.Wmape)).Sum(s => s.Count * s.Mae / s.Wmape);
        return new MetricSet
        {
            Count = (long)n,
            Mae = W(s => s.Mae),
            Rmse = Math.Sqrt(W(s => s.Rmse * s.Rmse)),
            Wmape = absY > 0 ? absErr / absY : double.NaN,
            Bias = W(s => s.Bias),
            Mase = W(s => s.Mase),
            Coverage = W(s => s.Coverage),
        };
    }

    private static TableEntity Accuracy(string pk, string model, int h, MetricSet s) =>
        new(pk, $"{ServingRows.SafeKey(model)}|{h.ToString("D2", CultureInfo.InvariantCulture)}")
        {
            ["MAE"] = s.Mae,
            ["RMSE"] = s.Rmse,
            ["WMAPE"] = s.Wmape,
            ["Bias"] = s.Bias,
            ["MASE"] = s.Mase,
            ["Coverage"] = s.Coverage,
        };

    private static (string Store, string Product) Split(string seriesId)
    {
        var bar = seriesId.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? ("_unknown", seriesId) : (seriesId[..bar], seriesId[(bar + 1)..]);
    }

    private static async Task<(List<DailySalesRow> Rows, SeriesPanel Panel)> PanelAsync(StageContext context, CancellationToken ct)
    {
        var rows = await GoldData.ReadAllAsync<DailySalesRow>(context, "daily_sales", ct).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw new PipelineException("Gold daily_sales is empty.", "forecasting", ModelStages.Forecasting);
        }

        var series = new List<TimeSeries>();
        foreach (var g in rows.GroupBy(r => (r.StoreId, r.ProductId)).OrderBy(g => g.Key.StoreId, StringComparer.Ordinal).ThenBy(g => g.Key.ProductId, StringComparer.Ordinal))
        {
            var start = g.Min(r => r.Date);
            var length = g.Max(r => r.Date).DayNumber - start.DayNumber + 1;
            var values = new double[length];
            Array.Fill(values, double.NaN);
            var closed = new bool[length];
            foreach (var r in g)
            {
                var i = r.Date.DayNumber - start.DayNumber;
                closed[i] = r.Closed;
                values[i] = r.Closed ? 0 : r.Units;
            }

            series.Add(new TimeSeries { Id = $"{ServingRows.SafeKey(g.Key.StoreId)}|{ServingRows.SafeKey(g.Key.ProductId)}", Start = start, Values = values, Closed = closed });
        }

        return (rows, SeriesPanel.Create(series, Frequency.Daily));
    }
}
