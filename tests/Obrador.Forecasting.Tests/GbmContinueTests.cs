using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Features;
using Obrador.Forecasting.Models;
using Obrador.Forecasting.Models.Gbm;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Tests;

/// <summary>Continued boosting (<see cref="GbmOptions.ContinueRounds"/>) at the backtest's non-refit origins.</summary>
public class GbmContinueTests
{
    private const int Origins = 300;
    private const int SeriesCount = 10;
    private const int ShiftAt = 250;
    private static readonly int[] Horizons = [1, 7];

    /// <summary>
    /// 10 series × 300 origins; feature 0 is noise, feature 1 the origin (a time index); the target is 1 before origin
    /// 250 and 2 from then on.
    /// </summary>
    private static (float[] X, double[] Y, double[] W) LevelShift()
    {
        var rng = new Random(3);
        var rows = Origins * SeriesCount;
        var x = new float[rows * 2];
        for (var i = 0; i < rows; i++)
        {
            x[2 * i] = (float)rng.NextDouble();
            x[(2 * i) + 1] = i / SeriesCount;
        }

        return (x, Enumerable.Range(0, rows).Select(i => i / SeriesCount < ShiftAt ? 1.0 : 2.0).ToArray(), Enumerable.Repeat(1.0, rows).ToArray());
    }

    /// <summary>6 series with a weekly pattern whose level doubles at day 150, 210 days long.</summary>
    private static SeriesPanel ShiftedPanel()
    {
        var rng = new Random(11);
        double[] pattern = [10, 12, 14, 16, 30, 40, 5];
        return TestSeries.Panel(Enumerable.Range(0, 6)
            .Select(s => Enumerable.Range(0, 210).Select(t => (pattern[t % 7] * (1 + s) * (t < 150 ? 1 : 2)) + rng.NextDouble()).ToArray())
            .ToArray());
    }

    private static GbmOptions Fast(int continueRounds) => new()
    {
        MaxIterations = 60,
        RefitMaxHorizon = 1,
        ContinueRounds = continueRounds,
        Features = new FeatureOptions { HolidayCountry = null },
    };

    [Fact]
    public void Continue_LevelShiftAfterFit_MovesNewRowsToNewLevelAndKeepsOldRows()
    {
        var (x, y, w) = LevelShift();
        var options = new GbmOptions { MaxIterations = 100 };
        var before = Enumerable.Range(0, ShiftAt * SeriesCount).ToArray();
        var all = Enumerable.Range(0, Origins * SeriesCount).ToArray();
        var stale = BoostedRegressor.Fit(x, 2, y, w, before, [], options, default);

        var continued = stale.Continue(x, 2, y, w, all, 40, options, default);

        // The stale model never saw the new level; 40 more rounds on every row learn it from the time index.
        Assert.InRange(stale.Predict([0.5f, 280f]), 0.9, 1.1);
        Assert.InRange(continued.Predict([0.5f, 280f]), 1.8, 2.1);
        Assert.InRange(continued.Predict([0.5f, 100f]), 0.9, 1.1);
        Assert.Equal(stale.Trees.Length + 40, continued.Trees.Length);
        Assert.Same(stale.Binner, continued.Binner);
        Assert.Equal(stale.BaseScore, continued.BaseScore);
        Assert.All(Enumerable.Range(0, stale.Trees.Length), i => Assert.Same(stale.Trees[i], continued.Trees[i]));
    }

    [Fact]
    public void Continue_ZeroRounds_ReturnsTheStaleModel()
    {
        var (x, y, w) = LevelShift();
        var all = Enumerable.Range(0, Origins * SeriesCount).ToArray();
        var stale = BoostedRegressor.Fit(x, 2, y, w, all[..(ShiftAt * SeriesCount)], [], new GbmOptions { MaxIterations = 20 }, default);

        Assert.Same(stale, stale.Continue(x, 2, y, w, all, 0, new GbmOptions(), default));
    }

    [Fact]
    public void Backtester_ContinueRoundsZero_NonRefitOriginsUseTheStaleFit()
    {
        var panel = ShiftedPanel();
        int[] origins = [140, 147, 154, 161];
        var schedule = new BacktestOptions { GlobalRefitEvery = 4 };
        var model = new GbmModel(Fast(0));

        var (preds, last, _) = Backtester.Run(model, panel, origins, anchor: 0, Horizons, nonNegative: false, schedule, default);
        var stale = model.Fit(panel, origins[0], Horizons);

        Assert.False(((IContinuableFit)stale).CanContinue);
        for (var o = 0; o < origins.Length; o++)
        {
            Assert.Equal(stale.Predict(panel, origins[o], Horizons), preds[o]);
        }

        Assert.Equal(stale.Importance, last.Importance);
    }

    [Fact]
    public void Backtester_ContinueRounds_ContinuesOnlyShortHorizonsAtNonRefitOrigins()
    {
        var panel = ShiftedPanel();
        int[] origins = [140, 147, 154, 161, 168, 175];
        var schedule = new BacktestOptions { GlobalRefitEvery = 3 };

        var (plain, plainLast, _) = Backtester.Run(new GbmModel(Fast(0)), panel, origins, anchor: 0, Horizons, nonNegative: false, schedule, default);
        var (continued, last, _) = Backtester.Run(new GbmModel(Fast(30)), panel, origins, anchor: 0, Horizons, nonNegative: false, schedule, default);

        for (var o = 0; o < origins.Length; o++)
        {
            var refit = o % 3 == 0;
            var d1Plain = plain[o].Select(r => r[0]).ToArray();
            var d1Continued = continued[o].Select(r => r[0]).ToArray();

            // Full fits (origins 0 and 3) are unchanged; D+7 (h > RefitMaxHorizon) always reuses the full fit.
            Assert.Equal(plain[o].Select(r => r[1]), continued[o].Select(r => r[1]));
            if (refit)
            {
                Assert.Equal(d1Plain, d1Continued);
            }
            else
            {
                Assert.NotEqual(d1Plain, d1Continued);
            }
        }

        // The returned fit is the last full one, not a continued copy.
        Assert.Equal(plainLast.Importance, last.Importance);
        Assert.All(continued.SelectMany(p => p).SelectMany(r => r), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Backtester_ContinueRounds_LowersD1ErrorAfterLevelShift()
    {
        // Refit at day 147 (before the shift at 150 reaches most lags), then continued at 154 and 161 with the new days.
        var panel = ShiftedPanel();
        int[] origins = [147, 154, 161];
        var schedule = new BacktestOptions { GlobalRefitEvery = 3 };

        double Error(int rounds)
        {
            var (preds, _, _) = Backtester.Run(new GbmModel(Fast(rounds)), panel, origins, anchor: 0, Horizons, nonNegative: false, schedule, default);
            return Backtester.Evaluate("gbm", panel, origins[1..], Horizons, preds[1..], nonNegative: false).ByHorizon[1].Wmape;
        }

        var stale = Error(0);
        var continued = Error(40);

        Assert.True(continued < stale, $"continued D+1 wMAPE {continued} vs stale {stale}");
    }

    [Fact]
    public void Options_ContinueRounds_Default25NegativeThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbmOptions { ContinueRounds = -1 }.Validate());
        Assert.Equal(25, new GbmOptions().ContinueRounds);
    }
}
