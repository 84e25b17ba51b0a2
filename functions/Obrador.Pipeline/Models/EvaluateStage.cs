using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Registry;

namespace Obrador.Pipeline.Models;

/// <summary>
/// <c>evaluate</c>: applies the family's <see cref="PromotionRule"/> to the version trained in this run (the first model
/// of a family becomes champion). Idempotent: re-evaluating the champion is a no-op.
/// </summary>
internal sealed class EvaluateStage(Workloads workloads) : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "evaluate";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) => workloads.PlanAsync(context, cancellationToken);

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken)
    {
        var w = workloads.Get(partition, Name);
        var registry = new ModelRegistry(context.Lake, context.Tables);
        var version = context.Run.ServingVersion;
        if (await registry.GetManifestAsync(w.ModelName, version, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new PipelineException($"Model {w.ModelName} {version} was not trained in this run.", Name, partition);
        }

        var decision = await registry.EvaluateAsync(w.ModelName, version, w.Rule, context.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        context.Logger.LogModelDecision(w.ModelName, version, decision.Promote, decision.Reason);
        return new StageOutcome
        {
            Rows = 1,
            Inputs = [ModelRegistry.Folder(w.ModelName, version)],
            Warnings = decision.Promote ? [] : [$"{w.ModelName} {version} not promoted: {decision.Reason}"],
        };
    }
}
