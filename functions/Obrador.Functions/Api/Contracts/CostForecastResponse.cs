namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/costs/forecast</c>.</summary>
/// <param name="Scope">Cost scope (subscription, resource group or tag value as published).</param>
/// <param name="Source"><c>forecast</c>, or <c>fallback</c> for an unknown scope.</param>
/// <param name="ServingVersion">The serving version, or <c>none</c>.</param>
/// <param name="Summary">Month-end outlook, if published.</param>
/// <param name="Points">Daily points in date order.</param>
public sealed record CostForecastResponse(string Scope, string Source, string ServingVersion, CostSummary? Summary, IReadOnlyList<CostPoint> Points);
