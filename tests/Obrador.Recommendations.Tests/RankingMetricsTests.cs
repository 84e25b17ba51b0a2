using Obrador.Recommendations.Evaluation;

namespace Obrador.Recommendations.Tests;

public class RankingMetricsTests
{
    [Fact]
    public void Compute_HandExample_MatchesHandComputedValues()
    {
        // User a: hits at ranks 1 and 3 of 5, |R| = 3. User b: no hit. User c: no relevant item, skipped.
        var users = new (IReadOnlyList<int>, IReadOnlySet<int>)[]
        {
            ([1, 2, 3, 4, 5], new HashSet<int> { 1, 3, 6 }),
            ([7, 8], new HashSet<int> { 9 }),
            ([1, 2], new HashSet<int>()),
        };

        var m = RankingMetrics.Compute(users, 5);

        var dcg = (1 / Math.Log(2)) + (1 / Math.Log(4));
        var idcg = (1 / Math.Log(2)) + (1 / Math.Log(3)) + (1 / Math.Log(4));
        Assert.Equal(2, m.Users);
        Assert.Equal(0.4 / 2, m.Precision, 12);
        Assert.Equal(2.0 / 3 / 2, m.Recall, 12);
        Assert.Equal(dcg / idcg / 2, m.Ndcg, 12);
        Assert.Equal((1 + (2.0 / 3)) / 3 / 2, m.Map, 12);
    }

    [Fact]
    public void Compute_PerfectList_AllOnesExceptPrecisionBelowK()
    {
        var m = RankingMetrics.Compute(new (IReadOnlyList<string>, IReadOnlySet<string>)[] { (["x", "y"], new HashSet<string> { "x", "y" }) }, 10);

        Assert.Equal(1.0, m.Ndcg, 12);
        Assert.Equal(1.0, m.Map, 12);
        Assert.Equal(1.0, m.Recall, 12);
        Assert.Equal(0.2, m.Precision, 12);
    }

    [Fact]
    public void Compute_MoreRelevantThanK_MapAndNdcgNormaliseByK()
    {
        // |R| = 4 > k = 2, both slots hit: MAP@2 = (1/1 + 2/2)/min(4,2) = 1, NDCG@2 = 1, recall = 2/4.
        var m = RankingMetrics.Compute(new (IReadOnlyList<int>, IReadOnlySet<int>)[] { ([1, 2, 3], new HashSet<int> { 1, 2, 3, 4 }) }, 2);

        Assert.Equal(1.0, m.Map, 12);
        Assert.Equal(1.0, m.Ndcg, 12);
        Assert.Equal(0.5, m.Recall, 12);
    }

    [Fact]
    public void Compute_NoUserWithRelevantItems_ZeroUsers()
    {
        var m = RankingMetrics.Compute(new (IReadOnlyList<int>, IReadOnlySet<int>)[] { ([1], new HashSet<int>()) }, 10);

        Assert.Equal(0, m.Users);
        Assert.Equal(0.0, m.Ndcg);
    }

    [Fact]
    public void Compute_EmptyListForUserWithRelevantItems_CountsAsZero()
    {
        var m = RankingMetrics.Compute(
            new (IReadOnlyList<int>, IReadOnlySet<int>)[] { ([], new HashSet<int> { 1 }), ([1], new HashSet<int> { 1 }) }, 1);

        Assert.Equal(2, m.Users);
        Assert.Equal(0.5, m.Precision, 12);
    }

    [Fact]
    public void Compute_KBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.Compute(Array.Empty<(IReadOnlyList<int>, IReadOnlySet<int>)>(), 0));
}
