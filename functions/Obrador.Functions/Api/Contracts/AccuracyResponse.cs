namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/forecasts/{storeId}/accuracy</c>.</summary>
/// <param name="StoreId">The store asked about.</param>
/// <param name="Source"><c>store</c> (its own backtest), <c>chain</c> (all stores, when the store has none) or <c>fallback</c> (nothing).</param>
/// <param name="ServingVersion">The serving version, or <c>none</c>.</param>
/// <param name="Metrics">One row per model and horizon.</param>
public sealed record AccuracyResponse(string StoreId, string Source, string ServingVersion, IReadOnlyList<AccuracyRow> Metrics);
