using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Tests;

public class SarRecommenderTests
{
    [Theory]
    [InlineData(SimilarityKind.Jaccard, 1.0, 1.0 / 3)]
    [InlineData(SimilarityKind.Lift, 0.5, 0.25)]
    [InlineData(SimilarityKind.Cosine, 1.0, 0.5)]
    [InlineData(SimilarityKind.Cooccurrence, 2.0, 1.0)]
    public void Fit_Triangle_SimilarityMatchesDefinition(SimilarityKind kind, double ab, double ac)
    {
        var data = TestData.Triangle();
        var sar = new SarRecommender(new SarOptions { Similarity = kind });

        sar.Fit(data);

        int A = data.Items.IndexOf("A"), B = data.Items.IndexOf("B"), C = data.Items.IndexOf("C");
        Assert.Equal(ab, sar.Similarity.Get(A, B), 5);
        Assert.Equal(ac, sar.Similarity.Get(A, C), 5);
        Assert.Equal(sar.Similarity.Get(B, C), sar.Similarity.Get(C, B), 5);
    }

    [Fact]
    public void Recommend_UserWithAB_GetsCWithAffinityTimesSimilarity()
    {
        var data = TestData.Triangle();
        var sar = new SarRecommender();
        sar.Fit(data);
        var engine = new RecommendationEngine(data, sar);

        var list = engine.Recommend("u0", 5);

        // u0 has A and B (affinity 1 each): score(C) = S_AC + S_BC = 2/3; A and B are removed as seen.
        var only = Assert.Single(list);
        Assert.Equal("C", only.ItemId);
        Assert.Equal(2.0 / 3, only.Score, 5);
    }

    [Fact]
    public void Threshold_DropsRareCooccurrences()
    {
        var data = TestData.Triangle();
        var sar = new SarRecommender(new SarOptions { Threshold = 2 });
        sar.Fit(data);

        Assert.Equal(0f, sar.Similarity.Get(data.Items.IndexOf("A"), data.Items.IndexOf("C")));
        Assert.Equal(1f, sar.Similarity.Get(data.Items.IndexOf("C"), data.Items.IndexOf("C")));
    }
}
