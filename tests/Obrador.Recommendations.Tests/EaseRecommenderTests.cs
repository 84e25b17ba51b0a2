using MathNet.Numerics.LinearAlgebra.Double;
using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Tests;

public class EaseRecommenderTests
{
    [Fact]
    public void Fit_Triangle_MatchesClosedFormWithMathNetInverse()
    {
        var data = TestData.Triangle();
        var ease = new EaseRecommender(new EaseOptions { Lambda = 0.5 });

        ease.Fit(data);

        // Reference: B = I − P·diagMat(1 ⊘ diag P), P = (XᵀX + λI)⁻¹ via MathNet's LU inverse.
        int A = data.Items.IndexOf("A"), B = data.Items.IndexOf("B"), C = data.Items.IndexOf("C");
        var g = DenseMatrix.OfArray(new double[,] { { 2, 2, 1 }, { 2, 2, 1 }, { 1, 1, 2 } }) + (0.5 * DenseMatrix.CreateIdentity(3));
        var p = g.Inverse();
        var order = new[] { A, B, C };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                var expected = i == j ? 0.0 : -p[i, j] / p[j, j];
                Assert.Equal(expected, ease.Weight(order[i], order[j]), 5);
            }
        }
    }

    [Fact]
    public void Recommend_UserWithAB_GetsC()
    {
        var data = TestData.Triangle();
        var ease = new EaseRecommender(new EaseOptions { Lambda = 0.5 });
        ease.Fit(data);

        var list = new RecommendationEngine(data, ease).Recommend("u0", 3);

        Assert.Equal("C", Assert.Single(list).ItemId);
    }

    [Fact]
    public void SpdInverse_RandomSpdMatrix_TimesOriginalIsIdentity()
    {
        const int n = 60;
        var random = new Random(5);
        var a = DenseMatrix.Create(n, n, (_, _) => random.NextDouble());
        var g = (DenseMatrix)(a.TransposeThisAndMultiply(a) + DenseMatrix.CreateIdentity(n));

        var inverse = SpdInverse.Invert(g.ToColumnMajorArray(), n);

        var product = g * DenseMatrix.OfColumnMajor(n, n, inverse);
        Assert.True((product - DenseMatrix.CreateIdentity(n)).FrobeniusNorm() < 1e-8);
    }

    [Fact]
    public void Fit_TooManyItems_ThrowsNamingTheLimit()
    {
        var ease = new EaseRecommender(new EaseOptions { MaxItems = 2 });

        var ex = Assert.Throws<Obrador.Recommendations.RecommendationException>(() => ease.Fit(TestData.Triangle()));

        Assert.Contains("limit is 2", ex.Message, StringComparison.Ordinal);
    }
}
