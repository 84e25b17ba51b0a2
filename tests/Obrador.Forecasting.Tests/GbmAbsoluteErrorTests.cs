using Obrador.Forecasting.Features;
using Obrador.Forecasting.Models.Gbm;

namespace Obrador.Forecasting.Tests;

public class GbmAbsoluteErrorTests
{
    private static readonly int[] Horizons = [1, 7];

    private static double SortedMedian(double[] values, double[] weights)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var half = weights.Sum() / 2;
        double cumulative = 0;
        foreach (var i in order)
        {
            cumulative += weights[i];
            if (cumulative >= half * (1 - 1e-12))
            {
                return values[i];
            }
        }

        return values[order[^1]];
    }

    [Theory]
    [InlineData(new double[] { 5 }, new double[] { 1 }, 5)]
    [InlineData(new double[] { 3, 1, 2 }, new double[] { 1, 1, 1 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, new double[] { 1, 1, 1, 1 }, 2)]
    [InlineData(new double[] { 1, 2, 3, 100 }, new double[] { 1, 1, 1, 10 }, 100)]
    [InlineData(new double[] { 7, 7, 7, 1 }, new double[] { 1, 1, 1, 1 }, 7)]
    [InlineData(new double[] { 1, 2, 3 }, new double[] { 0, 0, 5 }, 3)]
    public void WeightedMedian_HandComputed_Expected(double[] values, double[] weights, double expected)
    {
        Assert.Equal(expected, WeightedMedian.Of((double[])values.Clone(), (double[])weights.Clone()));
    }

    [Fact]
    public void WeightedMedian_EmptyOrZeroWeights_Zero()
    {
        Assert.Equal(0, WeightedMedian.Of([], []));
        Assert.Equal(0, WeightedMedian.Of([4, 5], [0, 0]));
    }

    [Fact]
    public void WeightedMedian_RandomWithTies_EqualsSortBasedDefinition()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 300; trial++)
        {
            var n = rng.Next(1, 400);
            var values = Enumerable.Range(0, n).Select(_ => trial % 3 == 0 ? rng.Next(0, 5) : rng.NextDouble() * 100 - 50).ToArray();
            var weights = Enumerable.Range(0, n).Select(_ => trial % 2 == 0 ? 1.0 : rng.NextDouble() * 3).ToArray();
            var expected = SortedMedian(values, weights);

            Assert.Equal(expected, WeightedMedian.Of(values, weights));
        }
    }

    [Fact]
    public void Booster_AbsoluteErrorOnSkewedGroups_PredictsMedianNotMean()
    {
        // Group 0: 60 % zeros, 40 % forties (median 0, mean 16); group 1: 70 % tens, 30 % hundreds (median 10, mean 37).
        var rng = new Random(5);
        const int n = 4000;
        var x = new float[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = i % 2;
            var u = rng.NextDouble();
            y[i] = i % 2 == 0 ? (u < 0.6 ? 0 : 40) : (u < 0.7 ? 10 : 100);
        }

        var rows = Enumerable.Range(0, n).ToArray();
        var w = Enumerable.Repeat(1.0, n).ToArray();
        var l1 = BoostedRegressor.Fit(x, 1, y, w, rows, [], new GbmOptions { Objective = GbmObjective.AbsoluteError, MaxIterations = 200 }, default);
        var l2 = BoostedRegressor.Fit(x, 1, y, w, rows, [], new GbmOptions { MaxIterations = 200 }, default);

        Assert.InRange(l1.Predict([0f]), -0.5, 0.5);
        Assert.InRange(l1.Predict([1f]), 9.5, 10.5);
        Assert.InRange(l2.Predict([0f]), 14, 18);
        Assert.InRange(l2.Predict([1f]), 33, 41);
        Assert.Equal(10, l1.BaseScore);
    }

    [Fact]
    public void Booster_AbsoluteErrorConstantTarget_ExactConstantAndNoGain()
    {
        const int n = 500;
        var rng = new Random(2);
        var x = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
        var y = Enumerable.Repeat(3.5, n).ToArray();

        var model = BoostedRegressor.Fit(x, 1, y, Enumerable.Repeat(1.0, n).ToArray(), Enumerable.Range(0, n).ToArray(), [],
            new GbmOptions { Objective = GbmObjective.AbsoluteError, MaxIterations = 20 }, default);

        Assert.Equal(3.5, model.Predict([0.3f]));
        Assert.Equal(3.5, model.Predict([float.NaN]));
        Assert.All(model.Gains, g => Assert.Equal(0, g));
    }

    [Fact]
    public void Booster_AbsoluteErrorWeights_LeafIsWeightedMedian()
    {
        // One feature value, targets 1 (weight 1) and 9 (weight 3): weighted median 9, unweighted median between.
        var x = new float[400];
        var y = Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? 1.0 : 9.0).ToArray();
        var w = Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? 1.0 : 3.0).ToArray();

        var model = BoostedRegressor.Fit(x, 1, y, w, Enumerable.Range(0, 400).ToArray(), [],
            new GbmOptions { Objective = GbmObjective.AbsoluteError, MaxIterations = 10 }, default);

        Assert.Equal(9, model.Predict([0f]));
    }

    [Fact]
    public void GbmModel_AbsoluteErrorOnPanelWithGapsAndZeros_FiniteNonNegativeAndNamed()
    {
        var rng = new Random(8);
        var values = Enumerable.Range(0, 8)
            .Select(s => TestSeries.Weekly(20, 10, 12, 14, 16, 30, 40, 5).Select(v => rng.NextDouble() < 0.1 ? double.NaN : Math.Max(0, (v * (1 + s)) + (4 * (rng.NextDouble() - 0.5)))).ToArray())
            .Append(new double[140])
            .ToArray();
        var panel = TestSeries.Panel(values);
        var origin = panel.Length - 8;
        var options = new GbmOptions { Objective = GbmObjective.AbsoluteError, MaxIterations = 150, Features = new FeatureOptions { HolidayCountry = null } };

        var model = new GbmModel(options, GbmModel.MedianName);
        var f = model.Fit(panel, origin, Horizons).Predict(panel, origin, Horizons);

        Assert.Equal("gbm_l1", model.Name);
        Assert.All(f.SelectMany(r => r), v => Assert.True(double.IsFinite(v) && v >= 0));
        Assert.All(f[8], v => Assert.Equal(0, v));
        var expected = 30 * 4.0; // series 3 at a day whose pattern value is 30
        var day = Enumerable.Range(1, 7).First(h => (origin + h) % 7 == 4);
        var fd = new GbmModel(options, GbmModel.MedianName).Fit(panel, origin, [day]).Predict(panel, origin, [day]);
        Assert.InRange(fd[3][0], expected * 0.85, expected * 1.15);
    }

    [Fact]
    public void EngineOptions_GbmMedian_AddsGbmL1AndRequiresAbsoluteError()
    {
        var engine = new ForecastEngine(new ForecastEngineOptions { GbmMedian = new GbmOptions { Objective = GbmObjective.AbsoluteError } });

        Assert.Contains(engine.Models(), m => m.Name == "gbm_l1");
        Assert.DoesNotContain(new ForecastEngine().Models(), m => m.Name == "gbm_l1");
        Assert.Throws<ArgumentException>(() => new ForecastEngine(new ForecastEngineOptions { GbmMedian = new GbmOptions() }));
        Assert.Throws<ArgumentException>(() => new GbmModel(name: " "));
    }

    [Fact]
    public void ModelFamilyConfig_GbmMedianAsEnsembleMember_ParsedIntoEngineModels()
    {
        var config = ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "gbmMedian": { "objective": "AbsoluteError", "maxIterations": 50 }, "ensemble": { "members": ["gbm", "gbm_l1", "ets"] } } }""");

        Assert.Equal(GbmObjective.AbsoluteError, config.Engine.GbmMedian!.Objective);
        Assert.Equal(["gbm", "gbm_l1", "ets"], config.Engine.Ensemble!.Members);
        Assert.Contains(new ForecastEngine(config.Engine).Models(), m => m.Name == "gbm_l1");
        Assert.Throws<ForecastException>(() => ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "gbmMedian": { "objective": "Poisson" } } }"""));
    }
}
