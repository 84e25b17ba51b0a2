namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/runs/{id}</c>.</summary>
/// <param name="Source">Always <c>ledger</c>.</param>
/// <param name="ServingVersion">The serving version, or <c>none</c>.</param>
/// <param name="Run">The run.</param>
/// <param name="Stages">Its stage records in stage, then partition order.</param>
public sealed record RunDetailResponse(string Source, string ServingVersion, RunSummary Run, IReadOnlyList<RunStage> Stages);
