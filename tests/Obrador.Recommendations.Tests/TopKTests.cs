using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Tests;

public class TopKTests
{
    [Fact]
    public void Select_Ties_LowerIndexFirst()
    {
        var top = new int[2];
        var n = TopK.Select([1f, 3f, 3f, 2f], 2, top);

        Assert.Equal(2, n);
        Assert.Equal([1, 2], top);
    }

    [Fact]
    public void Select_SkipsExcludedAndReturnsFewer()
    {
        var top = new int[3];
        var n = TopK.Select([float.NegativeInfinity, 5f, float.NaN], 3, top);

        Assert.Equal(1, n);
        Assert.Equal(1, top[0]);
    }

    [Fact]
    public void Select_RandomScores_EqualsFullSort()
    {
        var random = new Random(7);
        var scores = Enumerable.Range(0, 5000).Select(_ => (float)random.Next(100)).ToArray();
        var expected = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(50).ToArray();
        var top = new int[50];

        TopK.Select(scores, 50, top);

        Assert.Equal(expected, top);
    }
}
