using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Precompute;
using Obrador.Recommendations.Ranking;
using Obrador.Recommendations.Rules;

namespace Obrador.Recommendations.Tests;

public class RulesAndPrecomputeTests
{
    private static readonly Dictionary<string, string> Category = new()
    {
        ["bread"] = "bakery", ["baguette"] = "bakery", ["croissant"] = "bakery", ["coffee"] = "drinks", ["tea"] = "drinks", ["jam"] = "pantry",
    };

    /// <summary>Baskets where coffee goes with croissant, tea with jam; bread is bought by everyone.</summary>
    private static InteractionMatrix Baskets()
    {
        var events = new List<Interaction>();
        for (var b = 0; b < 30; b++)
        {
            events.Add(TestData.Buy($"b{b}", "bread"));
            events.Add(TestData.Buy($"b{b}", b % 2 == 0 ? "coffee" : "tea"));
            events.Add(TestData.Buy($"b{b}", b % 2 == 0 ? "croissant" : "jam"));
            if (b % 5 == 0)
            {
                events.Add(TestData.Buy($"b{b}", "baguette"));
            }
        }

        return InteractionMatrix.Build(events, TestData.Plain);
    }

    private static (InteractionMatrix, SarRecommender) Fitted()
    {
        var data = Baskets();
        var sar = new SarRecommender();
        sar.Fit(data);
        return (data, sar);
    }

    [Fact]
    public void Cart_FrequentlyBoughtTogether_ExcludesBasket()
    {
        var (data, sar) = Fitted();
        var engine = new RecommendationEngine(data, sar);

        var list = engine.Recommend(null, 2, new RecommendationContext(PageKind.Cart, Basket: ["coffee"]));

        Assert.Equal("croissant", list[0].ItemId);
        Assert.DoesNotContain(list, s => s.ItemId == "coffee");
    }

    [Fact]
    public void ProductPage_ExcludesCurrentItem()
    {
        var (data, sar) = Fitted();

        var list = new RecommendationEngine(data, sar).Recommend("b1", 3, new RecommendationContext(PageKind.Product, "tea"));

        Assert.DoesNotContain(list, s => s.ItemId is "tea" or "bread" or "jam");
    }

    [Fact]
    public void Unavailable_IsNeverRecommended()
    {
        var (data, sar) = Fitted();
        var engine = new RecommendationEngine(data, sar, isAvailable: id => id != "croissant");

        var list = engine.Recommend(null, 5, new RecommendationContext(PageKind.Cart, Basket: ["coffee"]));

        Assert.DoesNotContain(list, s => s.ItemId == "croissant");
        Assert.NotEmpty(list);
    }

    [Fact]
    public void MaxPerCategory_CapsEachCategory()
    {
        var (data, _) = Fitted();
        var pop = new PopularityRecommender();
        pop.Fit(data);
        var engine = new RecommendationEngine(data, pop, new BusinessRulesOptions { MaxPerCategory = 1 }, categoryOf: id => Category[id]);

        var list = engine.Recommend(null, 6);

        Assert.Equal(3, list.Count);
        Assert.Equal(list.Count, list.Select(s => Category[s.ItemId]).Distinct().Count());
        Assert.Equal("bread", list[0].ItemId);
    }

    [Fact]
    public void RemoveSeenOff_KeepsPurchasedItems()
    {
        var (data, sar) = Fitted();

        var kept = new RecommendationEngine(data, sar, new BusinessRulesOptions { RemoveSeen = false }).Recommend("b0", 6);
        var removed = new RecommendationEngine(data, sar).Recommend("b0", 6);

        Assert.Contains(kept, s => s.ItemId == "coffee");
        Assert.DoesNotContain(removed, s => s.ItemId == "coffee");
    }

    [Fact]
    public void TopNPerUser_EqualsSingleUserRecommend_SkipsUnknown()
    {
        var (data, sar) = Fitted();
        var engine = new RecommendationEngine(data, sar);

        var lists = RecommendationPrecomputer.TopNPerUser(engine, data, ["b0", "nobody", "b3"], 2);

        Assert.Equal(["b0", "b3"], lists.Select(l => l.Key));
        Assert.Equal(engine.Recommend("b3", 2), lists[1].Items);
        Assert.All(lists, l => Assert.Equal(Sources.Personalized, l.Source));
    }

    [Fact]
    public void SimilarPerItem_ColdItemFallsBackToContent()
    {
        var catalog = new Dictionary<string, ItemInfo>
        {
            ["a"] = new("a", "x", "green tea"), ["b"] = new("b", "x", "black coffee"), ["new"] = new("new", "x", "green tea leaves"),
        };
        var data = InteractionMatrix.Build([TestData.Buy("u1", "a"), TestData.Buy("u1", "b"), TestData.Buy("u2", "a")], TestData.Plain, catalog.Keys);
        var sar = new SarRecommender();
        var content = new ContentRecommender(catalog);
        sar.Fit(data);
        content.Fit(data);

        var lists = RecommendationPrecomputer.SimilarPerItem(data, sar, content, 5).ToDictionary(l => l.Key);

        Assert.Equal(Sources.Collaborative, lists["a"].Source);
        Assert.Equal("b", lists["a"].Items[0].ItemId);
        Assert.Equal(Sources.Content, lists["new"].Source);
        Assert.Equal("a", lists["new"].Items[0].ItemId);
    }

    [Fact]
    public void ActiveUsers_OnlyRecentOnes()
    {
        var data = InteractionMatrix.Build([TestData.Buy("old", "a", 40), TestData.Buy("recent", "a", 2)], TestData.Plain);

        Assert.Equal(["recent"], RecommendationPrecomputer.ActiveUsers(data, 30));
    }
}
