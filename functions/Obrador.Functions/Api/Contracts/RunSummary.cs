namespace Obrador.Functions.Api.Contracts;

/// <summary>One pipeline run from the run ledger.</summary>
/// <param name="Id">Run id.</param>
/// <param name="Status"><c>running</c>, <c>succeeded</c>, <c>failed</c>…</param>
/// <param name="StartedAt">Start time (UTC).</param>
/// <param name="DurationMs">Duration in milliseconds, when finished.</param>
/// <param name="Rows">Rows processed.</param>
/// <param name="Error">Error message of a failed run.</param>
public sealed record RunSummary(string Id, string? Status, DateTimeOffset? StartedAt, long? DurationMs, long? Rows, string? Error);
