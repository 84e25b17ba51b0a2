using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Registry;

namespace Obrador.Pipeline.Models;

/// <summary>
/// <c>train</c>: fits each workload on gold, evaluates it (rolling-origin backtest, chronological hold-out, tag
/// hold-out) and registers <c>models/{name}/{version}/manifest.json</c> with the metrics and the workload's artifacts
/// (the sales forecaster's <c>forecaster.obfm</c>), version = the run's serving version. Idempotent: a rerun overwrites the same manifest and <c>Models</c> row.
/// </summary>
internal sealed class TrainStage(Workloads workloads) : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "train";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) => workloads.PlanAsync(context, cancellationToken);

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken)
    {
        var w = workloads.Get(partition, Name);
        var (manifest, warnings, artifacts) = await w.TrainWithArtifactsAsync(context, cancellationToken).ConfigureAwait(false);
        await new ModelRegistry(context.Lake, context.Tables).RegisterAsync(manifest, artifacts, cancellationToken).ConfigureAwait(false);
        return new StageOutcome { Rows = manifest.RowCounts.Values.Sum(), Warnings = warnings, Inputs = [ModelRegistry.Folder(manifest.Name, manifest.Version)] };
    }
}
