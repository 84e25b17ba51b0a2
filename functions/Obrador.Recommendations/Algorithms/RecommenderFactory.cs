using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Algorithms;

/// <summary>Creates recommenders by name with their default options (the names the CLI and the benchmark accept).</summary>
public static class RecommenderFactory
{
    /// <summary>Every name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["popularity", "trending", "sar", "ease", "als", "content", "hybrid"];

    /// <summary>Creates a fresh, unfitted recommender.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="catalog">Item text and categories for content-based and hybrid models; may be empty.</param>
    /// <param name="seed">Seed for randomised models.</param>
    /// <exception cref="RecommendationException">Unknown name.</exception>
    public static IRecommender Create(string name, IReadOnlyDictionary<string, ItemInfo>? catalog = null, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "popularity" => new PopularityRecommender(),
            "trending" => new TrendingRecommender(),
            "sar" => new SarRecommender(),
            "ease" => new EaseRecommender(),
            "als" => new AlsRecommender(new AlsOptions { Seed = seed }),
            "content" => new ContentRecommender(catalog ?? new Dictionary<string, ItemInfo>()),
            "hybrid" => new HybridRecommender(catalog, new HybridOptions { Als = new AlsOptions { Seed = seed } }),
            _ => throw new RecommendationException($"Unknown algorithm '{name}'; expected one of {string.Join(", ", Names)}."),
        };
    }
}
