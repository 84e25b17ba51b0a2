using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Algorithms;

/// <summary>One precomputed trending list (a row of the <c>Trending</c> serving table).</summary>
/// <param name="WindowDays">Window in days (1, 7, 30).</param>
/// <param name="Category">Category, or <see cref="TrendingCalculator.AllCategories"/>.</param>
/// <param name="Items">Items, best first.</param>
public sealed record TrendingList(int WindowDays, string Category, IReadOnlyList<ScoredItem> Items);
