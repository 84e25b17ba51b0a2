using Obrador.Functions.Serving;

namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/trending</c>.</summary>
/// <param name="Window"><c>1d</c>, <c>7d</c> or <c>30d</c>.</param>
/// <param name="Category">The category answered (<c>_all</c> when none was asked or it was unknown).</param>
/// <param name="Source"><c>trending</c>, or <c>fallback</c> when the category was unknown or nothing is published.</param>
/// <param name="ServingVersion">The serving version, or <c>none</c>.</param>
/// <param name="GeneratedAt">When the row was computed, if known.</param>
/// <param name="Items">At most <c>n</c> items, best first.</param>
public sealed record TrendingResponse(string Window, string Category, string Source, string ServingVersion, DateTimeOffset? GeneratedAt, IReadOnlyList<ItemScore> Items);
