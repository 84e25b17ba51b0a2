using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Tests;

public class ContentHybridTests
{
    private static readonly Dictionary<string, ItemInfo> Catalog = new()
    {
        ["candle"] = new("candle", "home", "RED HEART T-LIGHT HOLDER"),
        ["mug"] = new("mug", "kitchen", "RED HEART MUG"),
        ["bike"] = new("bike", "toys", "BLUE TOY BIKE"),
        ["lantern"] = new("lantern", "home", "WHITE METAL LANTERN"),
        ["heart-new"] = new("heart-new", "home", "RED HEART GARLAND"),
    };

    private static InteractionMatrix Data() => InteractionMatrix.Build(
        [
            TestData.Buy("u1", "candle"), TestData.Buy("u1", "lantern"), TestData.Buy("u1", "mug"),
            TestData.Buy("u2", "candle"), TestData.Buy("u2", "lantern"),
            TestData.Buy("u3", "bike"), TestData.Buy("u4", "bike", 1), TestData.Buy("u4", "lantern", 1),
        ],
        TestData.Plain,
        Catalog.Keys);

    [Fact]
    public void Content_Similar_SharesWordsFirst_AndKnowsColdItems()
    {
        var data = Data();
        var content = new ContentRecommender(Catalog);
        content.Fit(data);

        var similar = new RecommendationEngine(data, content).Similar("candle", 3);

        Assert.Equal(["heart-new", "mug"], similar.Take(2).Select(s => s.ItemId).Order());
        Assert.DoesNotContain(similar, s => s.ItemId == "bike");
    }

    [Fact]
    public void Hybrid_ColdUser_GetsTrending()
    {
        var data = Data();
        var hybrid = new HybridRecommender(Catalog);
        var trending = new TrendingRecommender();
        hybrid.Fit(data);
        trending.Fit(data);

        var expected = new RecommendationEngine(data, trending).Recommend(null, 3);
        var actual = new RecommendationEngine(data, hybrid).Recommend("stranger", 3);

        Assert.Equal(expected.Select(s => s.ItemId), actual.Select(s => s.ItemId));
    }

    [Fact]
    public void Hybrid_KnownUser_NewItemSurfacesThroughContent()
    {
        var data = Data();
        var hybrid = new HybridRecommender(Catalog, new HybridOptions { MinHistory = 2 });
        hybrid.Fit(data);

        var list = new RecommendationEngine(data, hybrid).Recommend("u2", 5);

        // "heart-new" has no interactions at all; only its text links it to the candle u2 bought.
        Assert.Contains(list, s => s.ItemId == "heart-new");
        Assert.Equal("mug", list[0].ItemId);
    }

    [Fact]
    public void Hybrid_AutoPicksEaseForSmallCatalog_SarForLarge()
    {
        var small = new HybridRecommender();
        small.Fit(Data());
        var large = new HybridRecommender(options: new HybridOptions { AutoEaseMaxItems = 2 });
        large.Fit(Data());

        Assert.Equal("ease", small.CollaborativeName);
        Assert.Equal("sar", large.CollaborativeName);
    }
}
