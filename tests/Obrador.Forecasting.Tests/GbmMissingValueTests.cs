using Obrador.Forecasting.Models.Gbm;

namespace Obrador.Forecasting.Tests;

/// <summary>Learned default direction of missing values per split (XGBoost's sparsity-aware split finding).</summary>
public class GbmMissingValueTests
{
    // One split, no shrinkage and no L2: the tree's two leaves are the two sides' means (up to the few rows of the
    // quantile bin that straddles the step, hence the 0.1 tolerance).
    private static readonly GbmOptions OneSplit = new() { MaxIterations = 1, MaxLeaves = 2, LearningRate = 1, L2 = 0, FeatureFraction = 1 };

    /// <summary>x uniform on [0, 1), y = high when x &gt; 0.5, low otherwise; every 5th row has x missing with y = <paramref name="missingY"/>.</summary>
    private static (float[] X, double[] Y) Step(double missingY, int n = 2000)
    {
        var rng = new Random(11);
        var x = new float[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = i % 5 == 0 ? float.NaN : (float)rng.NextDouble();
            y[i] = float.IsNaN(x[i]) ? missingY : x[i] > 0.5f ? 10 : 0;
        }

        return (x, y);
    }

    private static BoostedRegressor Fit(float[] x, double[] y, GbmOptions options)
    {
        var rows = Enumerable.Range(0, y.Length).ToArray();
        return BoostedRegressor.Fit(x, 1, y, Enumerable.Repeat(1.0, y.Length).ToArray(), rows, [], options, default);
    }

    [Fact]
    public void Booster_MissingRowsLikeHighValues_RoutedRightWithThem()
    {
        var (x, y) = Step(missingY: 10);

        var model = Fit(x, y, OneSplit);

        // Only "x ≤ 0.5 | x > 0.5 or missing" separates the two levels exactly; a fixed missing-left rule cannot.
        var root = model.Trees[0];
        Assert.Equal(0, root.Feature[0]);
        Assert.False(root.MissingLeft[0]);
        Assert.InRange(model.Predict([float.NaN]), 9.9, 10.1);
        Assert.InRange(model.Predict([0.9f]), 9.9, 10.1);
        Assert.InRange(model.Predict([0.1f]), -0.1, 0.1);
    }

    [Fact]
    public void Booster_MissingRowsLikeLowValues_RoutedLeftWithThem()
    {
        var (x, y) = Step(missingY: 0);

        var model = Fit(x, y, OneSplit);

        Assert.True(model.Trees[0].MissingLeft[0]);
        Assert.InRange(model.Predict([float.NaN]), -0.1, 0.1);
        Assert.InRange(model.Predict([0.1f]), -0.1, 0.1);
        Assert.InRange(model.Predict([0.9f]), 9.9, 10.1);
    }

    [Fact]
    public void Booster_MissingRowsOwnLevel_LowerTrainingLossThanEitherFixedSide()
    {
        // Missing rows at 5, between the two levels: with 3 leaves the tree isolates them (or routes them) so that
        // the training error is what two splits can reach; the learned direction must never do worse than a fixed one.
        var (x, y) = Step(missingY: 5);
        var model = Fit(x, y, OneSplit with { MaxLeaves = 3 });

        var mean = y.Average();
        var sse = Enumerable.Range(0, y.Length).Sum(i => Math.Pow(model.Predict([x[i]]) - y[i], 2));
        var sst = y.Sum(v => Math.Pow(v - mean, 2));

        // Only the quantile bin straddling 0.5 mixes the two levels.
        Assert.True(sse < 0.01 * sst, $"SSE {sse:F1} of {sst:F1}");
        Assert.InRange(model.Predict([float.NaN]), 4.9, 5.1);
    }

    [Fact]
    public void Booster_NoMissingInTraining_NaNFollowsLargerChild()
    {
        // 80 % of the rows above 0.2 (y = 5), 20 % below (y = 0): a NaN at prediction time was never seen, so it
        // follows the majority of the training rows (scikit-learn's rule), not an arbitrary fixed side.
        var rng = new Random(5);
        const int n = 2000;
        var x = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
        var y = x.Select(v => v > 0.2f ? 5.0 : 0.0).ToArray();

        var model = Fit(x, y, OneSplit);

        Assert.False(model.Trees[0].MissingLeft[0]);
        Assert.InRange(model.Predict([float.NaN]), 4.9, 5.1);
        Assert.InRange(model.Predict([0.1f]), -0.1, 0.1);
    }

    [Fact]
    public void Booster_ManyMissing_BinnedPathEqualsRawPath()
    {
        var rng = new Random(2);
        const int n = 3000;
        var x = new float[n * 3];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                x[(3 * i) + j] = rng.NextDouble() < 0.3 ? float.NaN : (float)rng.NextDouble();
            }

            y[i] = (float.IsNaN(x[3 * i]) ? 7 : 10 * x[3 * i]) + (float.IsNaN(x[(3 * i) + 1]) ? -3 : 0) + rng.NextDouble();
        }

        var rows = Enumerable.Range(0, n).ToArray();
        var model = BoostedRegressor.Fit(x, 3, y, Enumerable.Repeat(1.0, n).ToArray(), rows, [], new GbmOptions { MaxIterations = 60 }, default);

        Assert.Contains(model.Trees, t => t.Feature.Where((f, i) => f >= 0 && !t.MissingLeft[i]).Any());
        var bins = model.Binner.Transform(x, rows);
        double sse = 0, sst = 0, mean = y.Average();
        for (var i = 0; i < n; i++)
        {
            var raw = model.Predict(x.AsSpan(3 * i, 3));
            var binned = model.BaseScore + model.Trees.Sum(t => t.PredictBinned(bins.AsSpan(3 * i, 3)));
            Assert.Equal(raw, binned, 9);
            sse += Math.Pow(raw - y[i], 2);
            sst += Math.Pow(y[i] - mean, 2);
        }

        Assert.True(sse < 0.05 * sst, $"R² {1 - (sse / sst):F3}: missing-dependent levels are learned");
    }
}
