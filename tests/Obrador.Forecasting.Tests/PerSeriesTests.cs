using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Selection;

namespace Obrador.Forecasting.Tests;

public class PerSeriesTests
{
    private static readonly int[] Horizons = [1, 7];
    private static readonly int[] Origins = [30, 37, 44, 51, 58, 65, 72, 79];

    /// <summary>Candidate 0 exact on series 0 and +3 on series 1; candidate 1 the other way round, but +1 everywhere after <paramref name="switchAt"/>.</summary>
    private static double[][][][] Candidates(double[][] y, int switchAt = int.MaxValue) =>
    [
        Origins.Select(o => new[]
        {
            Horizons.Select(h => y[0][o + h]).ToArray(),
            Horizons.Select(h => y[1][o + h] + 3).ToArray(),
        }).ToArray(),
        Origins.Select(o => new[]
        {
            Horizons.Select(h => y[0][o + h] + (o + h > switchAt ? 1 : 4)).ToArray(),
            Horizons.Select(h => y[1][o + h] + (o + h > switchAt ? 1 : 0)).ToArray(),
        }).ToArray(),
    ];

    private static double[][] Values() =>
    [
        Enumerable.Range(0, 100).Select(t => 10.0 + (t % 7)).ToArray(),
        Enumerable.Range(0, 100).Select(t => 50.0 + (t % 5)).ToArray(),
    ];

    [Fact]
    public void Choose_EachSeriesHasAnExactCandidate_EachGetsItsOwn()
    {
        var y = Values();
        var panel = TestSeries.Panel(y);
        var candidates = Candidates(y);

        var choice = PerSeriesSelector.Choose(panel, Origins, Horizons, candidates, 99, 0, new PerSeriesOptions());

        Assert.Equal([0, 0], choice[0]);
        Assert.Equal([1, 1], choice[1]);
    }

    [Fact]
    public void Choose_FewNonZeroActuals_KeepsTheChampion()
    {
        var y = Values();
        y[1] = y[1].Select((v, t) => t % 4 == 0 ? v : 0).ToArray(); // 2 of the last 8 targets at h = 1 are non-zero
        var panel = TestSeries.Panel(y);
        var candidates = Candidates(y);

        var choice = PerSeriesSelector.Choose(panel, Origins, Horizons, candidates, 99, 0, new PerSeriesOptions { MinNonZeroActuals = 4 });
        var lenient = PerSeriesSelector.Choose(panel, Origins, Horizons, candidates, 99, 0, new PerSeriesOptions { MinNonZeroActuals = 0 });

        Assert.Equal(0, choice[1][0]);
        Assert.Equal(1, lenient[1][0]);
    }

    [Fact]
    public void Choose_SmallImprovement_KeepsTheChampion()
    {
        var y = Values();
        var panel = TestSeries.Panel(y);
        var candidates = Candidates(y);
        var origins = Origins.Select(o => o).ToArray();

        // On series 1 the champion errs by 3 per cell and candidate 1 by 0: a 100 % improvement passes any threshold < 1;
        // shifting candidate 1 to +2.8 leaves a 6.7 % improvement, below the default 10 %.
        var close = candidates[1].Select(o => new[] { o[0], o[1].Select(v => v + 2.8).ToArray() }).ToArray();
        var choice = PerSeriesSelector.Choose(panel, origins, Horizons, [candidates[0], close], 99, 0, new PerSeriesOptions());

        Assert.Equal([0, 0], choice[1]);
    }

    [Fact]
    public void Choose_ActualsAfterTheDecisionChanged_SameChoice()
    {
        var y = Values();
        var candidates = Candidates(y, switchAt: 60);
        var changed = y.Select(v => v.Select((x, t) => t > 60 ? x * 100 : x).ToArray()).ToArray();

        var a = PerSeriesSelector.Choose(TestSeries.Panel(y), Origins, Horizons, candidates, 60, 0, new PerSeriesOptions());
        var b = PerSeriesSelector.Choose(TestSeries.Panel(changed), Origins, Horizons, candidates, 60, 0, new PerSeriesOptions());

        Assert.Equal(a, b);
        Assert.Equal([1, 1], a[1]);
    }

    [Fact]
    public void Predictions_EachOrigin_UsesTheChoiceDecidedAtThatOrigin()
    {
        var y = Values();
        var panel = TestSeries.Panel(y);
        var candidates = Candidates(y, switchAt: 60);
        var options = new PerSeriesOptions { MinOrigins = 2, MinNonZeroActuals = 2 };

        var preds = PerSeriesSelector.Predictions(panel, Origins, 3, Horizons, candidates, options);

        for (var j = 3; j < Origins.Length; j++)
        {
            var champion = PerSeriesSelector.Champion(panel, Origins, Horizons, candidates, Origins[j], options.Window);
            var choice = PerSeriesSelector.Choose(panel, Origins, Horizons, candidates, Origins[j], champion, options);
            for (var s = 0; s < 2; s++)
            {
                for (var hi = 0; hi < Horizons.Length; hi++)
                {
                    Assert.Equal(candidates[choice[s][hi]][j][s][hi], preds[j - 3][s][hi]);
                }
            }
        }
    }

    [Fact]
    public void Train_SeriesWithDifferentBestModels_PerSeriesIsChampionAndExact()
    {
        var flat = Enumerable.Repeat(50.0, 150).ToArray();
        var ramp = Enumerable.Range(0, 150).Select(t => (double)t).ToArray();
        var zeros = new double[150];
        var panel = TestSeries.Panel(flat, ramp, Enumerable.Range(0, 150).Select(t => 100.0 + t).ToArray(), zeros, Enumerable.Range(0, 150).Select(t => 300.0 + t).ToArray());
        var options = new ForecastEngineOptions
        {
            Horizons = [1, 7],
            Backtest = new BacktestOptions { Origins = 4, Step = 7 },
            MovingAverage = null,
            Ets = null,
            Gbm = null,
            Ensemble = null,
            CustomModels = [new DriftModel("flat", 0), new DriftModel("steep", 1)],
        };
        var engine = new ForecastEngine(options);

        var trained = engine.Train(panel);
        var forecasts = engine.Predict(trained, panel, trained.TrainEnd);

        Assert.Equal("steep", trained.Backtest.GlobalChampion);
        Assert.Equal(PerSeriesFittedModel.ModelName, trained.Backtest.Champion);
        Assert.All(trained.Backtest[PerSeriesFittedModel.ModelName].ByHorizon, kv => Assert.True(kv.Value.Wmape < trained.Backtest["steep"].ByHorizon[kv.Key].Wmape));
        Assert.DoesNotContain("steep", trained.Backtest.SeriesChampions["s0"].Values);
        Assert.All(trained.Backtest.SeriesChampions["s3"].Values, m => Assert.Equal("steep", m)); // all-zero: too few non-zero actuals
        Assert.Equal(50.0, forecasts.Single(f => f.SeriesId == "s0" && f.Horizon == 7).P50, 9);
        Assert.Equal(149 + 7.0, forecasts.Single(f => f.SeriesId == "s1" && f.Horizon == 7).P50, 9);
        Assert.Equal("steep", forecasts.Single(f => f.SeriesId == "s1" && f.Horizon == 7).Model);
        Assert.NotEqual("steep", forecasts.Single(f => f.SeriesId == "s0" && f.Horizon == 7).Model);
    }

    [Fact]
    public void Validate_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerSeriesOptions { Window = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerSeriesOptions { MinRelativeImprovement = 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerSeriesOptions { MinNonZeroActuals = -1 }.Validate());
    }

    [Fact]
    public void ModelFamilyConfig_PerSeriesSettings_ParsedOrDisabledOrRejected()
    {
        var set = ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "perSeries": { "candidates": ["gbm", "ets"], "minRelativeImprovement": 0.2, "minNonZeroActuals": 6 } } }""");
        var off = ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "perSeries": null } }""");

        Assert.Equal(["gbm", "ets"], set.Engine.PerSeries!.Candidates!);
        Assert.Equal(0.2, set.Engine.PerSeries.MinRelativeImprovement);
        Assert.Equal(6, set.Engine.PerSeries.MinNonZeroActuals);
        Assert.Equal(8, set.Engine.PerSeries.Window);
        Assert.Null(off.Engine.PerSeries);
        Assert.Throws<ForecastException>(() => ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "perSeries": { "window": 0 } } }"""));
        Assert.Throws<ForecastException>(() => ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "perSeries": { "minImprovement": 0.2 } } }"""));
    }
}
