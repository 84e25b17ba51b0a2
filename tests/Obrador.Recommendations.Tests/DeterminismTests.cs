using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Tests;

public class DeterminismTests
{
    [Theory]
    [InlineData("sar")]
    [InlineData("ease")]
    [InlineData("als")]
    [InlineData("hybrid")]
    public void BatchTopN_TwoFitsSameSeed_IdenticalAndEqualToSingleCalls(string algorithm)
    {
        var events = TestData.Synthetic(500, 150, 6000, 21);
        int[][] Run()
        {
            var data = InteractionMatrix.Build(events, TestData.Plain);
            var model = RecommenderFactory.Create(algorithm, seed: 7);
            model.Fit(data);
            return new RecommendationEngine(data, model).RecommendBatch(Enumerable.Range(0, data.UserCount).ToArray(), 10);
        }

        var first = Run();
        var second = Run();

        Assert.Equal(first, second);
        var check = InteractionMatrix.Build(events, TestData.Plain);
        var single = RecommenderFactory.Create(algorithm, seed: 7);
        single.Fit(check);
        var engine = new RecommendationEngine(check, single);
        Assert.Equal(first[17], engine.Recommend(check.Users[17], 10).Select(s => check.Items.IndexOf(s.ItemId)));
        Assert.All(first, list => Assert.Equal(10, list.Length));
    }
}
