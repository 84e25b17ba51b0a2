using Obrador.Functions.Serving;

namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/items/{itemId}/similar</c>.</summary>
/// <param name="ItemId">The item asked about.</param>
/// <param name="Source"><c>collaborative</c> or <c>content</c> (from the row), <c>trending</c> for an unknown item, or <c>fallback</c>.</param>
/// <param name="ServingVersion">The serving version, or <c>none</c>.</param>
/// <param name="GeneratedAt">When the row was computed, if known.</param>
/// <param name="Items">At most <c>n</c> items, best first.</param>
public sealed record SimilarItemsResponse(string ItemId, string Source, string ServingVersion, DateTimeOffset? GeneratedAt, IReadOnlyList<ItemScore> Items);
