using Obrador.Functions.Serving;

namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/recommendations/{userId}</c>.</summary>
/// <param name="UserId">The user asked about.</param>
/// <param name="Context"><c>home</c>, <c>product</c> or <c>cart</c>.</param>
/// <param name="Source">Where the list came from: <c>personalized</c>, <c>collaborative</c>, <c>content</c>, <c>basket</c>, <c>trending</c> or <c>fallback</c> (nothing published).</param>
/// <param name="ServingVersion">The serving version that produced it, or <c>none</c>.</param>
/// <param name="GeneratedAt">When the underlying row was computed, if known.</param>
/// <param name="Items">At most <c>n</c> items, best first.</param>
public sealed record RecommendationsResponse(string UserId, string Context, string Source, string ServingVersion, DateTimeOffset? GeneratedAt, IReadOnlyList<ItemScore> Items);
