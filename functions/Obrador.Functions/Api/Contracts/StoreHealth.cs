namespace Obrador.Functions.Api.Contracts;

/// <summary>Reachability of one store in <c>GET /api/health</c>.</summary>
/// <param name="Name"><c>tables</c> or <c>objects</c>.</param>
/// <param name="Reachable">True when the store answered its check.</param>
/// <param name="LatencyMs">Duration of the check in milliseconds.</param>
/// <param name="Error">Failure category (never a connection string or path), when unreachable.</param>
public sealed record StoreHealth(string Name, bool Reachable, double LatencyMs, string? Error);
