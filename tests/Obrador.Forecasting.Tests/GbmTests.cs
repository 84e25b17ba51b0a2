using Obrador.Forecasting.Features;
using Obrador.Forecasting.Models;
using Obrador.Forecasting.Models.Ets;
using Obrador.Forecasting.Models.Gbm;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Tests;

public class GbmTests
{
    private static readonly int[] Horizons = [1, 7];
    private static readonly double[] Pattern = [10, 12, 14, 16, 30, 40, 5];
    private static readonly GbmOptions Fast = new() { MaxIterations = 150, Features = new FeatureOptions { HolidayCountry = null } };

    private static SeriesPanel WeeklyPanel(int series, int weeks, double noise, int seed)
    {
        var rng = new Random(seed);
        return TestSeries.Panel(Enumerable.Range(0, series)
            .Select(s => TestSeries.Weekly(weeks, Pattern).Select(v => Math.Max(0, (v * (1 + s)) + (noise * (rng.NextDouble() - 0.5)))).ToArray())
            .ToArray());
    }

    [Fact]
    public void Booster_StepFunction_LearnsBothLevelsAndBinnedEqualsRaw()
    {
        var rng = new Random(7);
        const int n = 2000;
        var x = new float[n * 2];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[2 * i] = (float)rng.NextDouble();
            x[(2 * i) + 1] = i % 10 == 0 ? float.NaN : (float)rng.NextDouble();
            y[i] = (x[2 * i] > 0.5 ? 10 : 0) + rng.NextDouble();
        }

        var rows = Enumerable.Range(0, n).ToArray();
        var model = BoostedRegressor.Fit(x, 2, y, Enumerable.Repeat(1.0, n).ToArray(), rows, [], new GbmOptions { MaxIterations = 100 }, default);

        Assert.InRange(model.Predict([0.9f, 0.3f]), 10, 11);
        Assert.InRange(model.Predict([0.1f, float.NaN]), 0, 1);
        Assert.True(model.Gains[0] > 10 * model.Gains[1], "the informative feature carries the gain");
        var bins = model.Binner.Transform(x, rows);
        for (var i = 0; i < n; i += 37)
        {
            var raw = model.Trees.Sum(t => t.Predict(x.AsSpan(2 * i, 2)));
            var binned = model.Trees.Sum(t => t.PredictBinned(bins.AsSpan(2 * i, 2)));
            Assert.Equal(raw, binned, 9);
        }
    }

    [Fact]
    public void Booster_PoissonObjective_PositivePredictionsNearMean()
    {
        var rng = new Random(3);
        const int n = 1000;
        var x = Enumerable.Range(0, n).Select(i => (float)(i % 2)).ToArray();
        var y = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? (double)rng.Next(0, 3) : rng.Next(8, 13)).ToArray();

        var model = BoostedRegressor.Fit(x, 1, y, Enumerable.Repeat(1.0, n).ToArray(), Enumerable.Range(0, n).ToArray(), [],
            new GbmOptions { Objective = GbmObjective.Poisson, MaxIterations = 200 }, default);

        Assert.InRange(model.Predict([0f]), 0.5, 1.5);
        Assert.InRange(model.Predict([1f]), 9.5, 10.5);
    }

    [Fact]
    public void Gbm_WeeklyPatternAcrossScales_WithinTenPercent()
    {
        var panel = WeeklyPanel(series: 12, weeks: 30, noise: 1, seed: 1);
        var origin = panel.Length - 8;
        var fit = new GbmModel(Fast).Fit(panel, origin, Horizons);
        var f = fit.Predict(panel, origin, Horizons);

        for (var s = 0; s < panel.Count; s++)
        {
            for (var i = 0; i < Horizons.Length; i++)
            {
                var expected = Pattern[(origin + Horizons[i]) % 7] * (1 + s);
                Assert.InRange(f[s][i], expected * 0.9, expected * 1.1);
            }
        }
    }

    [Fact]
    public void Gbm_SameSeedTwice_IdenticalForecasts()
    {
        var panel = WeeklyPanel(series: 8, weeks: 20, noise: 5, seed: 2);
        var origin = panel.Length - 8;

        var a = new GbmModel(Fast).Fit(panel, origin, Horizons).Predict(panel, origin, Horizons);
        var b = new GbmModel(Fast).Fit(panel, origin, Horizons).Predict(panel, origin, Horizons);

        Assert.Equal(a, b);
    }

    public static TheoryData<string> AllModels => new() { "gbm", "ets", "seasonal_naive" };

    [Theory]
    [MemberData(nameof(AllModels))]
    public void Model_FutureValuesChanged_ForecastAtOriginUnchanged(string name)
    {
        IForecastModel model = name switch
        {
            "gbm" => new GbmModel(Fast),
            "ets" => new EtsModel(),
            _ => new SeasonalNaiveModel(),
        };
        var panel = WeeklyPanel(series: 6, weeks: 20, noise: 4, seed: 3);
        var origin = panel.Length - 30;
        var altered = TestSeries.Panel(panel.Series.Select(s => s.Values.Select((v, t) => t > origin ? v * 100 : v).ToArray()).ToArray());

        var a = model.Fit(panel, origin, Horizons).Predict(panel, origin, Horizons);
        var b = model.Fit(altered, origin, Horizons).Predict(altered, origin, Horizons);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Gbm_AllZeroSeriesAndNaNGaps_ZeroForAllZeroAndNoNaN()
    {
        var values = WeeklyPanel(series: 6, weeks: 20, noise: 2, seed: 4).Series.Select(s => s.Values).ToList();
        values.Add(new double[140]);
        var gappy = (double[])values[0].Clone();
        for (var t = 5; t < gappy.Length; t += 9)
        {
            gappy[t] = double.NaN;
        }

        values.Add(gappy);
        values.Add([.. Enumerable.Repeat(double.NaN, 139), 4.0]); // a single observation, at the origin
        var panel = TestSeries.Panel([.. values]);
        var origin = panel.Length - 1;

        var f = new GbmModel(Fast).Fit(panel, origin - 7, Horizons).Predict(panel, origin, Horizons);

        Assert.All(f.SelectMany(r => r), v => Assert.True(double.IsFinite(v) && v >= 0));
        Assert.All(f[6], v => Assert.Equal(0, v));
        Assert.All(f[8], v => Assert.True(v > 0));
    }

    [Fact]
    public void Gbm_ImportanceAndExplain_SharesSumToOneAndTopFeaturesNonZero()
    {
        var panel = WeeklyPanel(series: 8, weeks: 20, noise: 3, seed: 5);
        var origin = panel.Length - 8;
        var fit = new GbmModel(Fast).Fit(panel, origin, Horizons);

        Assert.Equal(1.0, fit.Importance.Sum(i => i.Share), 9);
        var top = fit.Explain(panel, 3, origin, 7, 3);
        Assert.Equal(3, top.Count);
        Assert.All(top, c => Assert.NotEqual(0, c.Contribution));
        Assert.True(Math.Abs(top[0].Contribution) >= Math.Abs(top[2].Contribution));
    }

    [Fact]
    public void GbmOptions_OutOfRange_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbmModel(new GbmOptions { MaxBins = 300 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbmModel(new GbmOptions { LearningRate = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbmModel(new GbmOptions { ValidationFraction = 0.9 }));
    }
}
