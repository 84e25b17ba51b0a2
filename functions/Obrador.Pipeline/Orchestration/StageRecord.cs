namespace Obrador.Pipeline.Orchestration;

/// <summary>Completion record of one stage × partition (<c>Runs</c>: PK run id, RK <c>{stage}|{partition}</c>).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Stage">Stage name.</param>
/// <param name="Partition">Partition of the stage's plan.</param>
/// <param name="Status">One of <see cref="RunStatus"/> (<c>succeeded</c>, <c>failed</c>, <c>halted</c>).</param>
/// <param name="StartedAt">Start of the attempt that wrote the record (UTC).</param>
/// <param name="DurationMs">Elapsed milliseconds of that attempt, from the injected clock.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Inputs">Inputs read.</param>
/// <param name="Warnings">Non-fatal problems.</param>
/// <param name="Error">Failure or halt reason, or null.</param>
/// <param name="Attempts">How many attempts this record has seen.</param>
public sealed record StageRecord(
    string RunId,
    string Stage,
    string Partition,
    string Status,
    DateTimeOffset StartedAt,
    long DurationMs,
    long Rows,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Warnings,
    string? Error,
    int Attempts);
