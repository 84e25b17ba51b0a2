using System.Globalization;
using System.Text.Json;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Quality;
using Obrador.Pipeline.Registry;
using Obrador.Pipeline.Serving;

namespace Obrador.Pipeline.Stages.Models;

/// <summary>
/// <c>score</c> for the sales forecaster: writes the champion's forecasts and backtest accuracy into <c>Forecasts</c> and
/// <c>ForecastAccuracy</c> under the run's serving version (invisible until publish) and records them in the
/// <see cref="ServingManifest"/>. Keys per <c>docs/serving-tables.md</c>.
/// </summary>
public sealed class ForecastScoreStage : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "score";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([ForecastTrainStage.Family]);

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken)
    {
        var registry = new ModelRegistry(context.Lake, context.Tables);
        var champion = await registry.GetChampionAsync(partition, cancellationToken).ConfigureAwait(false)
            ?? throw new PipelineException($"Model family {partition} has no champion to score with.", Name, partition);
        var forecasts = JsonSerializer.Deserialize<List<ForecastArtifactRow>>(
            await registry.GetArtifactAsync(partition, champion.Version, "forecasts.json", cancellationToken).ConfigureAwait(false) ?? "[]"u8.ToArray(), QualityJson.Options) ?? [];
        var accuracy = JsonSerializer.Deserialize<List<AccuracyArtifactRow>>(
            await registry.GetArtifactAsync(partition, champion.Version, "accuracy.json", cancellationToken).ConfigureAwait(false) ?? "[]"u8.ToArray(), QualityJson.Options) ?? [];
        var v = context.Run.ServingVersion;
        var now = context.Clock.GetUtcNow();
        var rows = forecasts.Select(f => new TableEntity(ServingTables.VersionedKey(v, f.StoreId), $"{f.ProductId}|{f.Horizon.ToString("D2", CultureInfo.InvariantCulture)}|{f.TargetDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")
        {
            ["P10"] = f.P10,
            ["P50"] = f.P50,
            ["P90"] = f.P90,
            ["ModelVersion"] = champion.Version,
            ["GeneratedAt"] = now,
        });
        var publisher = new ServingPublisher(context.Tables);
        var written = await publisher.WriteAsync(ServingTables.Forecasts, v, rows, cancellationToken).ConfigureAwait(false);
        var accuracyRows = accuracy.Select(a => new TableEntity(ServingTables.VersionedKey(v, "_all"), $"{a.Model}|{a.Horizon.ToString("D2", CultureInfo.InvariantCulture)}")
        {
            ["MAE"] = a.Mae,
            ["RMSE"] = a.Rmse,
            ["WMAPE"] = a.Wmape,
            ["Bias"] = a.Bias,
            ["MASE"] = a.Mase,
            ["Coverage"] = a.Coverage,
        });
        var accuracyWritten = await publisher.WriteAsync(ServingTables.ForecastAccuracy, v, accuracyRows, cancellationToken).ConfigureAwait(false);
        await ServingManifest.RecordAsync(context.Lake, context.Run.RunId, ServingTables.Forecasts, written, cancellationToken).ConfigureAwait(false);
        await ServingManifest.RecordAsync(context.Lake, context.Run.RunId, ServingTables.ForecastAccuracy, accuracyWritten, cancellationToken).ConfigureAwait(false);
        return new StageOutcome { Rows = written + accuracyWritten, Inputs = [$"models/{partition}/{champion.Version}"] };
    }
}
