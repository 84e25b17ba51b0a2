using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Tests;

public class PopularityTrendingTests
{
    [Fact]
    public void Popularity_CountsDistinctUsers()
    {
        var data = InteractionMatrix.Build(
            [TestData.Buy("u1", "a"), TestData.Buy("u1", "a"), TestData.Buy("u1", "b"), TestData.Buy("u2", "b"), TestData.Buy("u3", "c")],
            TestData.Plain);
        var pop = new PopularityRecommender();
        pop.Fit(data);

        var list = new RecommendationEngine(data, pop).Recommend(null, 3);

        Assert.Equal(["b", "a", "c"], list.Select(s => s.ItemId));
        Assert.Equal(2f, list[0].Score);
    }

    [Fact]
    public void Trending_RecentBeatsOldPopular()
    {
        // "old" had 3 buyers 20 days ago, "new" 2 buyers today: in a 7-day window only "new" trends, "old" is a tie-breaker.
        var data = InteractionMatrix.Build(
            [TestData.Buy("u1", "old", 20), TestData.Buy("u2", "old", 20), TestData.Buy("u3", "old", 20), TestData.Buy("u4", "new"), TestData.Buy("u5", "new")],
            TestData.Plain);
        var trending = new TrendingRecommender();
        trending.Fit(data);

        var list = new RecommendationEngine(data, trending).Recommend(null, 2);

        Assert.Equal(["new", "old"], list.Select(s => s.ItemId));
        Assert.Equal(2f, list[0].Score, 2);
        Assert.True(list[1].Score is > 0f and < 0.01f);
    }

    [Fact]
    public void TrendingCalculator_PerWindowAndCategory()
    {
        var data = InteractionMatrix.Build(
            [TestData.Buy("u1", "bread", 0.5), TestData.Buy("u2", "cake", 3), TestData.Buy("u3", "cake", 3), TestData.Buy("u4", "tea", 20)],
            TestData.Plain);
        var categories = new Dictionary<string, string> { ["bread"] = "bakery", ["cake"] = "bakery", ["tea"] = "drinks" };

        var lists = TrendingCalculator.Compute(data, id => categories[id]);

        var day = lists.Single(l => l.WindowDays == 1 && l.Category == TrendingCalculator.AllCategories);
        Assert.Equal(["bread"], day.Items.Select(i => i.ItemId));
        var week = lists.Single(l => l.WindowDays == 7 && l.Category == "bakery");
        Assert.Equal(["cake", "bread"], week.Items.Select(i => i.ItemId));
        Assert.DoesNotContain(lists, l => l.WindowDays == 7 && l.Category == "drinks");
        Assert.Contains(lists, l => l.WindowDays == 30 && l.Category == "drinks");
    }
}
