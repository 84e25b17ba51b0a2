namespace Obrador.Functions.Pipeline;

/// <summary>Answer of <c>POST /api/admin/runs/{id}/resume</c>: the run and the stage partitions re-enqueued.</summary>
/// <param name="RunId">The resumed run.</param>
/// <param name="Stage">The stage it resumes from.</param>
/// <param name="Partitions">The partitions enqueued (finished ones are skipped when they arrive).</param>
public sealed record ResumeResponse(string RunId, string Stage, IReadOnlyList<string> Partitions);
