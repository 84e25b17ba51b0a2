using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Obrador.Forecasting;
using Obrador.Forecasting.Series;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Etl.Gold;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Quality;
using Obrador.Pipeline.Registry;

namespace Obrador.Pipeline.Stages.Models;

/// <summary>
/// <c>train</c> for the sales forecaster: builds the store × product panel from gold <c>daily_sales</c>, trains the
/// forecasting engine (which backtests every candidate model on the same rolling origins and picks its best), predicts
/// from the last date, and registers the version as challenger with its manifest and artifacts
/// (<c>forecasts.json</c>, <c>accuracy.json</c>).
/// </summary>
/// <remarks>The backtest metrics of every candidate are kept in the manifest (<c>wmape:{model}</c>), so the promote stage can compare the champion's model on this run's backtest.</remarks>
public sealed class ForecastTrainStage : IPipelineStage
{
    /// <summary>Registry name of the family.</summary>
    public const string Family = "forecast-sales";

    private readonly ForecastEngineOptions _options;

    /// <summary>Creates the stage.</summary>
    public ForecastTrainStage(ForecastEngineOptions options) => _options = options;

    /// <inheritdoc />
    public string Name => "train";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([Family]);

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken)
    {
        var dates = await LakeIo.PartitionDatesAsync(context.Lake, "gold", "daily_sales", cancellationToken).ConfigureAwait(false);
        var rows = await LakeIo.ReadPartitionsAsync<DailySalesRow>(context.Lake, d => LakeIo.Gold("daily_sales", d), dates, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return new StageOutcome { Warnings = ["no gold daily_sales to train on"] };
        }

        var panel = Panel(rows);
        var engine = new ForecastEngine(_options with { Family = Family }, context.Clock);
        var trained = engine.Train(panel, cancellationToken: cancellationToken);
        var forecasts = engine.Predict(trained, panel, panel.LastDate, cancellationToken);
        var report = trained.Backtest;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["wmape"] = MeanWmape(report, report.Champion) };
        foreach (var m in report.Models)
        {
            metrics["wmape:" + m.Model] = MeanWmape(report, m.Model);
        }

        var manifest = new ModelManifest
        {
            Name = Family,
            Version = context.Run.ServingVersion,
            TrainedAt = context.Clock.GetUtcNow(),
            TrainingFrom = rows.Min(r => r.Date),
            TrainingTo = rows.Max(r => r.Date),
            RowCounts = new Dictionary<string, long> { ["gold/daily_sales"] = rows.Count },
            Parameters = new Dictionary<string, string>
            {
                ["model"] = report.Champion,
                ["horizons"] = string.Join(',', report.Horizons),
                ["series"] = panel.Count.ToString(CultureInfo.InvariantCulture),
            },
            CodeVersion = typeof(ForecastEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            Backtest = $"rolling-origin:{report.Origins[0]:yyyy-MM-dd}..{report.Origins[^1]:yyyy-MM-dd}:h{string.Join(',', report.Horizons)}",
            Metrics = metrics,
            Role = ModelRole.Challenger,
        };
        var artifactRows = forecasts.Select(f =>
        {
            var bar = f.SeriesId.IndexOf('|', StringComparison.Ordinal);
            return new ForecastArtifactRow(f.SeriesId[..bar], f.SeriesId[(bar + 1)..], f.Horizon, f.TargetDate, f.P10, f.P50, f.P90);
        }).OrderBy(r => r.StoreId, StringComparer.Ordinal).ThenBy(r => r.ProductId, StringComparer.Ordinal).ThenBy(r => r.Horizon).ToList();
        var accuracy = report.Models.SelectMany(m => m.ByHorizon.OrderBy(h => h.Key).Select(h => new AccuracyArtifactRow(m.Model, h.Key, h.Value.Mae, h.Value.Rmse, h.Value.Wmape, h.Value.Bias, h.Value.Mase, h.Value.Coverage))).ToList();
        await new ModelRegistry(context.Lake, context.Tables).RegisterAsync(manifest, new Dictionary<string, byte[]>
        {
            ["forecasts.json"] = JsonSerializer.SerializeToUtf8Bytes(artifactRows, QualityJson.Options),
            ["accuracy.json"] = JsonSerializer.SerializeToUtf8Bytes(accuracy, QualityJson.Options),
        }, cancellationToken).ConfigureAwait(false);
        return new StageOutcome { Rows = artifactRows.Count, Inputs = ["gold/daily_sales", $"{dates.Count} partitions"] };
    }

    private static double MeanWmape(Forecasting.Backtesting.BacktestReport report, string model)
    {
        var values = report[model].ByHorizon.Values.Select(m => m.Wmape).Where(double.IsFinite).ToList();
        return values.Count == 0 ? double.NaN : values.Average();
    }

    private static SeriesPanel Panel(IReadOnlyList<DailySalesRow> rows)
    {
        var end = rows.Max(r => r.Date);
        var series = rows.GroupBy(r => r.StoreId + "|" + r.ProductId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var start = g.Min(r => r.Date);
                var length = end.DayNumber - start.DayNumber + 1;
                var values = Enumerable.Repeat(double.NaN, length).ToArray();
                var closed = new bool[length];
                foreach (var r in g)
                {
                    values[r.Date.DayNumber - start.DayNumber] = r.Units;
                    closed[r.Date.DayNumber - start.DayNumber] = r.Closed;
                }

                return new TimeSeries { Id = g.Key, Start = start, Values = values, Closed = closed };
            })
            .ToList();
        return SeriesPanel.Create(series, Frequency.Daily);
    }
}
