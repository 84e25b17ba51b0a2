namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/forecasts/{storeId}</c>.</summary>
/// <param name="StoreId">The store.</param>
/// <param name="Product">The product filter, if any.</param>
/// <param name="Horizon">1, 7 or 28 days ahead.</param>
/// <param name="Source"><c>forecast</c>, or <c>fallback</c> when the store or product has no published forecast.</param>
/// <param name="ServingVersion">The serving version, or <c>none</c>.</param>
/// <param name="ModelVersion">Model that produced the points, if any.</param>
/// <param name="GeneratedAt">When the points were computed, if known.</param>
/// <param name="Truncated">True when more points matched than <c>Serving:MaxRows</c>.</param>
/// <param name="Points">Points in product, then date order.</param>
public sealed record ForecastResponse(string StoreId, string? Product, int Horizon, string Source, string ServingVersion, string? ModelVersion, DateTimeOffset? GeneratedAt, bool Truncated, IReadOnlyList<ForecastPoint> Points);
