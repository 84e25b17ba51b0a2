namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/runs</c>.</summary>
/// <param name="Source">Always <c>ledger</c>.</param>
/// <param name="ServingVersion">The serving version, or <c>none</c>.</param>
/// <param name="Runs">Newest first.</param>
public sealed record RunsResponse(string Source, string ServingVersion, IReadOnlyList<RunSummary> Runs);
