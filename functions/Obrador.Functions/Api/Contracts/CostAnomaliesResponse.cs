namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/costs/anomalies</c>.</summary>
/// <param name="From">First day included.</param>
/// <param name="To">Last day included.</param>
/// <param name="Source">Always <c>detector</c> (anomalies are not versioned).</param>
/// <param name="ServingVersion">The serving version, or <c>none</c>.</param>
/// <param name="Anomalies">Newest first, then by impact.</param>
public sealed record CostAnomaliesResponse(string From, string To, string Source, string ServingVersion, IReadOnlyList<CostAnomaly> Anomalies);
