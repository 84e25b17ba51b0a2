namespace Obrador.Pipeline.Orchestration;

/// <summary>A run's summary row (<c>Runs</c>: PK <c>run</c>, RK run id).</summary>
/// <param name="Run">The run's identity and scope.</param>
/// <param name="Status">One of <see cref="RunStatus"/>.</param>
/// <param name="StartedAt">When the run was first started (UTC).</param>
/// <param name="FinishedAt">When it succeeded or last failed, or null while running.</param>
/// <param name="FailedStage">Stage that failed or halted the run, or null.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="Resumes">How many times it was resumed.</param>
public sealed record RunRecord(
    PipelineRun Run,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? FailedStage,
    string? Error,
    int Resumes);
