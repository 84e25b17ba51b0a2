using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Tests;

public class AlsRecommenderTests
{
    /// <summary>Two taste blocks: users 0–19 buy items a0–a5, users 20–39 buy b0–b5, each user missing one item of their block.</summary>
    private static InteractionMatrix Blocks()
    {
        var events = new List<Interaction>();
        for (var u = 0; u < 40; u++)
        {
            var block = u < 20 ? "a" : "b";
            for (var i = 0; i < 6; i++)
            {
                if (i != u % 6)
                {
                    events.Add(TestData.Buy($"u{u}", $"{block}{i}"));
                }
            }
        }

        return InteractionMatrix.Build(events, TestData.Plain);
    }

    [Fact]
    public void Recommend_Blocks_TopItemIsTheMissingOneOfTheOwnBlock()
    {
        var data = Blocks();
        var als = new AlsRecommender(new AlsOptions { Factors = 4, Iterations = 10, Regularization = 0.1 });
        als.Fit(data);
        var engine = new RecommendationEngine(data, als);

        for (var u = 0; u < 40; u++)
        {
            var top = engine.Recommend($"u{u}", 1)[0];
            Assert.Equal($"{(u < 20 ? "a" : "b")}{u % 6}", top.ItemId);
        }
    }

    [Fact]
    public void Fit_SameSeed_IdenticalFactors_OtherSeedDiffers()
    {
        var data = InteractionMatrix.Build(TestData.Synthetic(300, 100, 5000, 11), TestData.Plain);
        var a = new AlsRecommender(new AlsOptions { Factors = 8, Iterations = 3, Seed = 1 });
        var b = new AlsRecommender(new AlsOptions { Factors = 8, Iterations = 3, Seed = 1 });
        var c = new AlsRecommender(new AlsOptions { Factors = 8, Iterations = 3, Seed = 2 });

        a.Fit(data);
        b.Fit(data);
        c.Fit(data);

        Assert.True(a.ItemFactors.SequenceEqual(b.ItemFactors));
        Assert.True(a.UserFactors.SequenceEqual(b.UserFactors));
        Assert.False(a.ItemFactors.SequenceEqual(c.ItemFactors));
    }

    [Fact]
    public void ScoreItems_FoldInBasket_FavoursTheBasketsBlock()
    {
        var data = Blocks();
        var als = new AlsRecommender(new AlsOptions { Factors = 4, Iterations = 10, Regularization = 0.1 });
        als.Fit(data);
        var scores = new float[data.ItemCount];

        als.ScoreItems([data.Items.IndexOf("b0"), data.Items.IndexOf("b1")], [1f, 1f], scores);

        Assert.True(scores[data.Items.IndexOf("b3")] > scores[data.Items.IndexOf("a3")]);
    }

    [Theory]
    [InlineData(0, 15, 0.1, 1.0)]
    [InlineData(8, 0, 0.1, 1.0)]
    [InlineData(8, 15, -1, 1.0)]
    [InlineData(8, 15, 0.1, double.NaN)]
    public void Options_OutOfRange_Throw(int factors, int iterations, double regularization, double alpha) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new AlsRecommender(new AlsOptions { Factors = factors, Iterations = iterations, Regularization = regularization, Alpha = alpha }));
}
