using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Models;
using Obrador.Forecasting.Models.Ensemble;

namespace Obrador.Forecasting.Tests;

public class EnsembleTests
{
    private static readonly int[] Horizons = [1, 7];

    [Fact]
    public void Grid_ThreeMembersTenthSteps_SixtySixPointsOnTheSimplex()
    {
        var grid = EnsembleWeights.Grid(3, 10);

        Assert.Equal(66, grid.Count);
        Assert.All(grid, w => Assert.Equal(1.0, w.Sum(), 12));
        Assert.Equal(66, grid.Select(w => string.Join(",", w)).Distinct().Count());
    }

    [Fact]
    public void Choose_OneMemberExact_GetsAllTheWeight()
    {
        double[] y = [10, 20, 30, 40];

        var w = EnsembleWeights.Choose([y.Select(v => v + 5).ToArray(), y], y, 0.1);

        Assert.Equal([0.0, 1.0], w);
    }

    [Fact]
    public void Choose_OppositeBiases_EqualWeights()
    {
        double[] y = [10, 20, 30, 40];

        var w = EnsembleWeights.Choose([y.Select(v => v + 2).ToArray(), y.Select(v => v - 2).ToArray()], y, 0.1);

        Assert.Equal(0.5, w[0], 12);
        Assert.Equal(0.5, w[1], 12);
    }

    [Fact]
    public void Choose_NoFiniteActual_EqualWeights()
    {
        var w = EnsembleWeights.Choose([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [double.NaN, double.NaN], 0.1);

        Assert.All(w, x => Assert.Equal(1.0 / 3, x, 12));
    }

    [Fact]
    public void Predict_TwoKnownForecasts_IsTheDocumentedWeightedMean()
    {
        var panel = TestSeries.Panel(TestSeries.Weekly(6, 10, 12, 14, 16, 30, 40, 5), TestSeries.Weekly(6, 3, 0, 0, 1, 0, 0, 2));
        IForecastModel naive = new SeasonalNaiveModel(), average = new MovingAverageModel();
        var origin = panel.Length - 1;
        var a = naive.Fit(panel, origin, Horizons).Predict(panel, origin, Horizons);
        var b = average.Fit(panel, origin, Horizons).Predict(panel, origin, Horizons);
        var ensemble = new EnsembleModel([naive, average], new Dictionary<int, IReadOnlyList<double>> { [1] = [0.3, 0.7], [7] = [1.0, 0.0] });

        var f = ensemble.Fit(panel, origin, Horizons).Predict(panel, origin, Horizons);

        for (var s = 0; s < panel.Count; s++)
        {
            Assert.Equal((0.3 * a[s][0]) + (0.7 * b[s][0]), f[s][0], 12);
            Assert.Equal(a[s][1], f[s][1], 12);
        }
    }

    [Fact]
    public void Predict_NegativeMemberForecastWhenNonNegative_ClippedBeforeCombining()
    {
        var panel = TestSeries.Panel(Enumerable.Range(0, 30).Select(t => 1.0).ToArray());
        var ensemble = new EnsembleModel([new DriftModel("up", 0), new DriftModel("down", -1)], new Dictionary<int, IReadOnlyList<double>> { [7] = [0.5, 0.5] });

        var f = ensemble.Fit(panel, 29, [7]).Predict(panel, 29, [7]);

        Assert.Equal(0.5, f[0][0], 12); // 0.5·1 + 0.5·max(0, 1 − 7)
    }

    [Fact]
    public void Constructor_WeightsNotOnTheSimplex_Throws()
    {
        IForecastModel[] members = [new SeasonalNaiveModel(), new MovingAverageModel()];

        Assert.Throws<ArgumentException>(() => new EnsembleModel(members, new Dictionary<int, IReadOnlyList<double>> { [1] = [0.6, 0.6] }));
        Assert.Throws<ArgumentException>(() => new EnsembleModel(members, new Dictionary<int, IReadOnlyList<double>> { [1] = [1.0] }));
        Assert.Throws<ArgumentException>(() => new EnsembleModel([members[0]], new Dictionary<int, IReadOnlyList<double>>()));
        Assert.Throws<ArgumentException>(() => new EnsembleOptions { Members = ["gbm", "gbm"] }.Validate());
    }

    [Fact]
    public void WeightsAt_FutureActualsChanged_SameWeights()
    {
        // Member 0 is exact up to column 60, member 1 exact after it; at decision 60 only origins with origin + h ≤ 60 count.
        var y = Enumerable.Range(0, 100).Select(t => 10.0 + (t % 7)).ToArray();
        var panel = TestSeries.Panel(y);
        int[] origins = [30, 37, 44, 51, 58, 65, 72, 79];
        int[] horizons = [1, 7];
        double[][][] Member(Func<int, bool> exact) => origins.Select(o => new[] { horizons.Select(h => exact(o + h) ? y[o + h] : y[o + h] + 3).ToArray() }).ToArray();
        var members = new[] { Member(t => t <= 60), Member(t => t > 60) };
        var options = new EnsembleOptions();

        var w = EnsembleBacktest.WeightsAt(panel, origins, horizons, 1, members, 60, options);
        var changed = y.Select((v, t) => t > 60 ? v * 100 : v).ToArray();
        var w2 = EnsembleBacktest.WeightsAt(TestSeries.Panel(changed), origins, horizons, 1, members, 60, options);

        Assert.Equal([1.0, 0.0], w);
        Assert.Equal(w, w2);
        Assert.Equal([0.0, 1.0], EnsembleBacktest.WeightsAt(panel, origins, horizons, 1, members, 99, options with { WeightWindow = 2 }));
    }

    [Fact]
    public void Predictions_EachOrigin_EqualsTheModelWithWeightsDecidedAtThatOrigin()
    {
        var y = Enumerable.Range(0, 120).Select(t => 50 + (10 * Math.Sin(t * 0.9)) + (t % 7)).ToArray();
        var panel = TestSeries.Panel(y, y.Select(v => 200 - v).ToArray());
        IForecastModel naive = new SeasonalNaiveModel(), average = new MovingAverageModel();
        int[] origins = [40, 50, 60, 70, 80, 90, 100];
        var members = new[] { naive, average }.Select(m => origins.Select(o => m.Fit(panel, o, Horizons).Predict(panel, o, Horizons)).ToArray()).ToArray();
        var options = new EnsembleOptions();

        var preds = EnsembleBacktest.Predictions(panel, origins, 2, Horizons, members, options);

        for (var j = 2; j < origins.Length; j++)
        {
            var weights = Enumerable.Range(0, Horizons.Length).ToDictionary(hi => Horizons[hi], hi => (IReadOnlyList<double>)EnsembleBacktest.WeightsAt(panel, origins, Horizons, hi, members, origins[j], options));
            var expected = new EnsembleModel([naive, average], weights).Fit(panel, origins[j], Horizons).Predict(panel, origins[j], Horizons);
            Assert.Equal(expected.SelectMany(r => r), preds[j - 2].SelectMany(r => r));
            Assert.All(preds[j - 2].SelectMany(r => r), v => Assert.True(double.IsFinite(v)));
        }
    }

    [Fact]
    public void Train_OppositeDriftMembers_EnsembleIsChampionAndExact()
    {
        var panel = TestSeries.Panel(Enumerable.Range(0, 150).Select(t => (double)t).ToArray(), Enumerable.Range(0, 150).Select(t => 100.0 + t).ToArray());
        var options = new ForecastEngineOptions
        {
            Horizons = [1, 7],
            Backtest = new BacktestOptions { Origins = 4, Step = 7 },
            MovingAverage = null,
            Ets = null,
            Gbm = null,
            CustomModels = [new DriftModel("flat", 0), new DriftModel("steep", 2)],
            Ensemble = new EnsembleOptions { Members = ["flat", "steep"], WarmupOrigins = 4 },
        };
        var engine = new ForecastEngine(options);

        var trained = engine.Train(panel);
        var forecasts = engine.Predict(trained, panel, trained.TrainEnd);

        Assert.Equal(EnsembleModel.ModelName, trained.Backtest.Champion);
        Assert.Equal(EnsembleModel.ModelName, trained.Model.Name);
        Assert.Equal(4, trained.Backtest.Origins.Count);
        Assert.All(trained.Backtest[EnsembleModel.ModelName].ByHorizon.Values, m => Assert.Equal(0, m.Wmape, 9));
        Assert.All(trained.Backtest.EnsembleWeights.Values, w => Assert.Equal([0.5, 0.5], w));
        Assert.Equal(149 + 7.0, forecasts.Single(f => f.SeriesId == "s0" && f.Horizon == 7).P50, 6);
        Assert.All(forecasts, f => Assert.True(double.IsFinite(f.P10) && double.IsFinite(f.P90) && f.P10 <= f.P50 && f.P50 <= f.P90));
    }
}
