using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Models.Gbm;

namespace Obrador.Forecasting.Tests;

public class EngineTests
{
    // A lighter GBM and three origins keep the suite fast; the full design runs in bench/ (forecast benchmark).
    private static readonly ForecastEngineOptions Options = new()
    {
        Backtest = new BacktestOptions { Origins = 3, Step = 7 },
        Gbm = new GbmOptions { MaxIterations = 60, MaxTrainingOrigins = 120 },
    };

    [Fact]
    public void Backtest_Bakery_EtsBeatsSeasonalNaiveAtDayOne()
    {
        var report = new ForecastEngine(Options).Backtest(TestSeries.Bakery);

        Assert.Equal(3, report.Origins.Count);
        var naive = report["seasonal_naive"].ByHorizon[1];
        var ets = report["ets"].ByHorizon[1];
        Assert.True(ets.Wmape < naive.Wmape, $"ets {ets.Wmape:F2} vs naive {naive.Wmape:F2}");
        Assert.All(report.Models, m => Assert.All(m.ByHorizon.Values, x =>
        {
            Assert.True(double.IsFinite(x.Wmape) && double.IsFinite(x.Mase) && double.IsFinite(x.Rmse));
            Assert.InRange(x.Coverage, 0.5, 1.0);
        }));
        Assert.Equal(148, report["ets"].BySeries.Count);
        Assert.Equal(148, report["ensemble"].BySeries.Count);
        Assert.Equal([1, 7, 28], report.EnsembleWeights.Keys.Order());
    }

    [Fact]
    public void TrainPredict_Bakery_EverySeriesAndHorizonWithOrderedQuantiles()
    {
        var panel = TestSeries.Bakery;
        var engine = new ForecastEngine(Options, new FixedTime());
        var trained = engine.Train(panel);
        var forecasts = engine.Predict(trained, panel, trained.TrainEnd);

        var eligible = Enumerable.Range(0, panel.Count).Count(s => panel.FirstObserved[s] >= 0);
        Assert.Equal(eligible * 3, forecasts.Count);
        Assert.All(forecasts, f =>
        {
            Assert.True(f.P10 <= f.P50 && f.P50 <= f.P90, $"{f.SeriesId} h{f.Horizon}");
            Assert.True(double.IsFinite(f.P10) && double.IsFinite(f.P90) && f.P10 >= 0);
            Assert.Equal(trained.Version, f.ModelVersion);
            Assert.Equal(FixedTime.Now, f.GeneratedAt);
        });
        Assert.StartsWith($"sales-{trained.Backtest.Champion}-20220930-", trained.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_SameInputsTwice_SameVersionAndForecasts()
    {
        var panel = TestSeries.Panel(TestSeries.Weekly(20, 3, 5, 8, 1, 9, 12, 0), TestSeries.Weekly(20, 1, 1, 2, 2, 3, 3, 4));
        var engine = new ForecastEngine(Options, new FixedTime());

        var a = engine.Train(panel);
        var b = engine.Train(panel);

        Assert.Equal(a.Version, b.Version);
        Assert.Equal(engine.Predict(a, panel, a.TrainEnd), engine.Predict(b, panel, b.TrainEnd), new ForecastComparer());
    }

    [Fact]
    public void Backtest_PanelTooShort_ThrowsForecastException()
    {
        var panel = TestSeries.Panel([1, 2, 3]);

        Assert.Throws<ForecastException>(() => new ForecastEngine(Options).Backtest(panel));
    }

    private sealed class FixedTime : TimeProvider
    {
        public static readonly DateTimeOffset Now = new(2022, 10, 1, 2, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class ForecastComparer : IEqualityComparer<SeriesForecast>
    {
        public bool Equals(SeriesForecast? x, SeriesForecast? y) =>
            x!.SeriesId == y!.SeriesId && x.Horizon == y.Horizon && x.P10 == y.P10 && x.P50 == y.P50 && x.P90 == y.P90;

        public int GetHashCode(SeriesForecast obj) => obj.SeriesId.GetHashCode(StringComparison.Ordinal);
    }
}
