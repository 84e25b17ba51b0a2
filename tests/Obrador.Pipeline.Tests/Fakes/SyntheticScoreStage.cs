using System.Globalization;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Serving;

namespace Obrador.Pipeline.Tests.Fakes;

/// <summary>Writes <c>rowsPerStore</c> Forecasts rows per store (partition) under the run's serving version.</summary>
internal sealed class SyntheticScoreStage(IReadOnlyList<string> stores, int rowsPerStore) : IPipelineStage
{
    public string Name => "score";

    public static IEnumerable<TableEntity> Rows(string version, string store, int rowsPerStore) =>
        Enumerable.Range(0, rowsPerStore).Select(i => new TableEntity(ServingTables.VersionedKey(version, store), $"P{i:D4}|01|2026-11-22")
        {
            ["P50"] = (double)i,
            ["ModelVersion"] = version,
        });

    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) => Task.FromResult(stores);

    public async Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken)
    {
        var n = await new ServingPublisher(context.Tables).WriteAsync(ServingTables.Forecasts, context.Run.ServingVersion, Rows(context.Run.ServingVersion, partition, rowsPerStore), cancellationToken);
        await ServingManifest.RecordAsync(context.Lake, context.Run.RunId, ServingTables.Forecasts, n, cancellationToken);
        return new StageOutcome { Rows = n, Inputs = [partition.ToString(CultureInfo.InvariantCulture)] };
    }
}
