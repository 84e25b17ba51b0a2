using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Precompute;

/// <summary>One precomputed list for a key (a user for <c>Recommendations</c>, an item for <c>SimilarItems</c>).</summary>
/// <param name="Key">User or item id.</param>
/// <param name="Items">Items, best first (at most the requested length).</param>
/// <param name="Source">Where the list came from: <see cref="Sources"/>.</param>
public sealed record ItemList(string Key, IReadOnlyList<ScoredItem> Items, string Source);
