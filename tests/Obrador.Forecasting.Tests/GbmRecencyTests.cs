using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Features;
using Obrador.Forecasting.Models;
using Obrador.Forecasting.Models.Gbm;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Tests;

/// <summary>Recency settings: time-decay row weights, short-horizon refit on all rows, short-horizon refit schedule.</summary>
public class GbmRecencyTests
{
    private const int Origins = 300;
    private const int SeriesCount = 10;
    private const int ShiftAt = 250;

    /// <summary>
    /// 10 series × 300 origins, one uninformative feature; the scaled target is 1 before origin 250 and 2 from then on,
    /// so a model can only learn the shift through which rows it weighs: the validation split (last 10 % = origins
    /// 270+) sees only the new level.
    /// </summary>
    private static HorizonDataset LevelShift(int horizon)
    {
        var rng = new Random(5);
        var rows = Origins * SeriesCount;
        return new HorizonDataset
        {
            Horizon = horizon,
            FeatureCount = 1,
            X = Enumerable.Range(0, rows).Select(_ => (float)rng.NextDouble()).ToArray(),
            Y = Enumerable.Range(0, rows).Select(i => i / SeriesCount < ShiftAt ? 1.0 : 2.0).ToArray(),
            Level = Enumerable.Repeat(1.0, rows).ToArray(),
            Series = Enumerable.Range(0, rows).Select(i => i % SeriesCount).ToArray(),
            Origin = Enumerable.Range(0, rows).Select(i => i / SeriesCount).ToArray(),
        };
    }

    private static double Predict(HorizonDataset data, GbmOptions options) =>
        GbmModel.FitHorizon(data, options, default).Predict([0.5f]);

    [Fact]
    public void RowWeights_HalfLife_HalvesPerHalfLifeAndKeepsLevel()
    {
        var data = LevelShift(1);
        var level = data.Level.Select((_, i) => 1.0 + (i % 3)).ToArray();
        var scaled = new HorizonDataset
        {
            Horizon = 1, FeatureCount = 1, X = data.X, Y = data.Y, Level = level, Series = data.Series, Origin = data.Origin,
        };

        var w = GbmModel.RowWeights(scaled, new GbmOptions { RecencyHalfLife = 20 });
        var plain = GbmModel.RowWeights(scaled, new GbmOptions());

        var newest = (Origins - 1) * SeriesCount;
        Assert.Equal(level[newest], w[newest], 12);
        Assert.Equal(level[newest - (20 * SeriesCount)] / 2, w[newest - (20 * SeriesCount)], 12);
        Assert.Equal(level[newest - (60 * SeriesCount)] / 8, w[newest - (60 * SeriesCount)], 12);
        Assert.Equal(level, plain);
    }

    [Fact]
    public void FitHorizon_RecencyHalfLife_FollowsLevelShiftFaster()
    {
        var data = LevelShift(1);
        var options = new GbmOptions { MaxIterations = 200, RefitMaxHorizon = 0 };

        var unweighted = Predict(data, options);
        var weighted = Predict(data, options with { RecencyHalfLife = 14 });

        // Unweighted: mean of the 270 training origins ≈ (250 × 1 + 20 × 2) / 270 = 1.07.
        Assert.InRange(unweighted, 1.0, 1.15);

        // Half-life 14 steps: the 20 post-shift origins carry ≈ 63 % of the training weight.
        Assert.InRange(weighted, 1.5, 1.8);
    }

    [Fact]
    public void FitHorizon_RefitMaxHorizon_RefitsOnlyShortHorizonsOnAllRows()
    {
        var options = new GbmOptions { MaxIterations = 200, RefitMaxHorizon = 1 };

        var shortRefit = Predict(LevelShift(1), options);
        var longKept = GbmModel.FitHorizon(LevelShift(7), options, default);
        var longPlain = GbmModel.FitHorizon(LevelShift(7), options with { RefitMaxHorizon = 0 }, default);

        var shortPlain = Predict(LevelShift(1), options with { RefitMaxHorizon = 0 });

        // h = 1 refitted on all 300 origins: mean ≈ (250 × 1 + 50 × 2) / 300 = 1.17, above the ≈ 1.07 of the held-out fit.
        Assert.InRange(shortRefit, 1.1, 1.3);
        Assert.True(shortRefit > shortPlain + 0.05, $"refit {shortRefit} vs held-out fit {shortPlain}");
        Assert.Equal(longPlain.Predict([0.5f]), longKept.Predict([0.5f]));
        Assert.Equal(longPlain.Trees.Length, longKept.Trees.Length);
    }

    [Fact]
    public void FitHorizon_RefitValidationFraction_AppliesOnlyToRefittedHorizons()
    {
        var options = new GbmOptions { MaxIterations = 200, RefitMaxHorizon = 1 };
        var wide = options with { RefitValidationFraction = 0.3 };

        var longDefault = GbmModel.FitHorizon(LevelShift(7), options, default);
        var longWide = GbmModel.FitHorizon(LevelShift(7), wide, default);
        var shortWide = Predict(LevelShift(1), wide);

        // h = 7 is not refitted: its split stays at 10 %, the model is the same.
        Assert.Equal(longDefault.Trees.Length, longWide.Trees.Length);
        Assert.Equal(longDefault.Predict([0.5f]), longWide.Predict([0.5f]));

        // h = 1: rounds chosen on origins 210+ (mostly the new level), then refitted on all 300 origins.
        Assert.InRange(shortWide, 1.1, 1.3);
    }

    [Fact]
    public void Options_InvalidRecencySettings_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbmOptions { RecencyHalfLife = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbmOptions { RefitMaxHorizon = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbmOptions { RefitValidationFraction = 0.6 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BacktestOptions { ShortHorizonRefitEvery = 0 }.Validate());
    }

    [Fact]
    public void Backtester_ShortHorizonRefitEvery_RefitsShortHorizonsAtEveryOrigin()
    {
        var panel = TestSeries.Panel(Enumerable.Range(0, 100).Select(t => (double)t).ToArray());
        var model = new TrainEndModel();
        int[] origins = [60, 65, 70, 75, 80, 85];
        int[] horizons = [1, 7];

        var (preds, _, _) = Backtester.Run(model, panel, origins, anchor: 0, horizons, nonNegative: true,
            new BacktestOptions { GlobalRefitEvery = 3, ShortHorizonRefitEvery = 1, ShortHorizonMax = 1 }, default);

        // Full fits at origins 0 and 3; D+1 alone refitted at every other origin; D+7 reuses the last full fit.
        Assert.Equal([60, 65, 70, 75, 80, 85], preds.Select(p => p[0][0]));
        Assert.Equal([60, 60, 60, 75, 75, 75], preds.Select(p => p[0][1]));
        Assert.Equal(
            ["1,7", "1", "1", "1,7", "1", "1"],
            model.Calls.Select(c => string.Join(',', c)));
    }

    /// <summary>A global model whose forecast is the training end it was fitted at; records the horizons of each fit.</summary>
    private sealed class TrainEndModel : IForecastModel
    {
        public List<int[]> Calls { get; } = [];

        public string Name => "train_end";

        public IFittedModel Fit(SeriesPanel panel, int trainEnd, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default)
        {
            Calls.Add(horizons.ToArray());
            return new Fitted(trainEnd);
        }

        private sealed class Fitted(int trainEnd) : IFittedModel
        {
            public string Name => "train_end";

            public IReadOnlyList<FeatureImportance> Importance => [];

            public double[][] Predict(SeriesPanel panel, int origin, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default) =>
                Enumerable.Range(0, panel.Count).Select(_ => horizons.Select(_ => (double)trainEnd).ToArray()).ToArray();

            public IReadOnlyList<FeatureContribution> Explain(SeriesPanel panel, int series, int origin, int horizon, int top) => [];
        }
    }
}
