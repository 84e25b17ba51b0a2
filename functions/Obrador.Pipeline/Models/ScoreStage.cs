using Obrador.Pipeline.Orchestration;

namespace Obrador.Pipeline.Models;

/// <summary>
/// <c>score</c>: writes the serving rows of the run's version (<c>{version}|…</c> partition keys, invisible until
/// publish flips the pointer). Idempotent: rows are replaced under deterministic keys.
/// </summary>
internal sealed class ScoreStage(Workloads workloads) : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "score";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) => workloads.PlanAsync(context, cancellationToken);

    /// <inheritdoc />
    public Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken) =>
        workloads.Get(partition, Name).ScoreAsync(context, cancellationToken);
}
