namespace Obrador.Pipeline.Orchestration;

/// <summary>
/// One step of the nightly pipeline (<c>silver → gold → quality-gate → train → promote → score → publish</c>).
/// </summary>
/// <remarks>
/// Contract: a stage is <b>idempotent</b> — running a partition twice with the same <see cref="PipelineRun"/> writes the
/// same outputs (deterministic paths, overwrite semantics), so a crash or a redelivered queue message is repaired by
/// running it again. It writes its outputs first; the runner then writes the completion record in the <c>Runs</c>
/// table, so a record never exists without its outputs. Stages are stateless and thread safe.
/// </remarks>
public interface IPipelineStage
{
    /// <summary>Stable name used in the ledger and in queue messages, e.g. <c>silver</c>; matches <c>^[a-z][a-z0-9-]{0,31}$</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The partitions this stage fans out over for <paramref name="context"/>'s run (one queue message each in Azure),
    /// e.g. one per source or per model family; <c>["_all"]</c> for a stage that does not fan out. Must be non-empty,
    /// distinct, and deterministic for a given run and lake state; the first computed plan is persisted and reused.
    /// </summary>
    Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken);

    /// <summary>Runs one partition: reads its inputs, writes its outputs, and reports what it did.</summary>
    /// <param name="context">Run, storage and clock.</param>
    /// <param name="partition">One of the values returned by <see cref="PlanAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the work; partial outputs are overwritten by the next attempt.</param>
    /// <returns>Inputs read, rows written, warnings, and whether the run must halt (quality gate).</returns>
    /// <exception cref="Exception">Any failure: the runner records it and the run fails at this stage (resumable).</exception>
    Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken);
}
