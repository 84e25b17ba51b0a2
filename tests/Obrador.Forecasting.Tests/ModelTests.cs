using Obrador.Forecasting.Models;
using Obrador.Forecasting.Models.Ets;

namespace Obrador.Forecasting.Tests;

public class ModelTests
{
    private static readonly int[] Horizons = [1, 7, 28];
    private static readonly double[] Pattern = [10, 12, 14, 16, 30, 40, 5];

    public static TheoryData<string> LocalModels => new() { "seasonal_naive", "moving_average", "ets" };

    private static LocalModel Create(string name) => name switch
    {
        "seasonal_naive" => new SeasonalNaiveModel(),
        "moving_average" => new MovingAverageModel(),
        _ => new EtsModel(),
    };

    private static double[] Run(LocalModel model, params double[] history)
    {
        var panel = TestSeries.Panel(history);
        return model.Predict(panel, history.Length - 1, Horizons)[0];
    }

    [Fact]
    public void SeasonalNaive_PureWeeklyPattern_RepeatsTheWeek()
    {
        var y = TestSeries.Weekly(8, Pattern);
        var f = Run(new SeasonalNaiveModel(), y);

        // Origin is index 55 (weekday 6); target 55+h has weekday (55+h) % 7.
        Assert.Equal(Horizons.Select(h => Pattern[(55 + h) % 7]), f);
    }

    [Fact]
    public void Ets_PureWeeklyPattern_RecoversTheWeekWithinOnePercent()
    {
        var y = TestSeries.Weekly(12, Pattern);
        var f = Run(new EtsModel(), y);

        for (var i = 0; i < Horizons.Length; i++)
        {
            var expected = Pattern[(y.Length - 1 + Horizons[i]) % 7];
            Assert.InRange(f[i], expected * 0.99, expected * 1.01);
        }
    }

    [Fact]
    public void Ets_LinearTrend_ExtrapolatesWithinTwoPercent()
    {
        var y = Enumerable.Range(0, 100).Select(t => 50 + (2.0 * t)).ToArray();
        var f = Run(new EtsModel(new EtsOptions { Forms = [EtsForm.Ann, EtsForm.Aan, EtsForm.AadN] }), y);

        for (var i = 0; i < Horizons.Length; i++)
        {
            var expected = 50 + (2.0 * (99 + Horizons[i]));
            Assert.InRange(f[i], expected * 0.98, expected * 1.02);
        }
    }

    [Fact]
    public void MovingAverage_PureWeeklyPattern_ForecastsWeeklyMean()
    {
        var f = Run(new MovingAverageModel(), TestSeries.Weekly(4, Pattern));

        Assert.All(f, v => Assert.Equal(Pattern.Average(), v, 12));
    }

    [Theory]
    [MemberData(nameof(LocalModels))]
    public void Model_AllZero_ForecastsZero(string name)
    {
        Assert.All(Run(Create(name), new double[60]), v => Assert.Equal(0, v));
    }

    [Theory]
    [MemberData(nameof(LocalModels))]
    public void Model_SinglePoint_ForecastsThatPoint(string name)
    {
        Assert.All(Run(Create(name), 7.5), v => Assert.Equal(7.5, v));
    }

    [Theory]
    [MemberData(nameof(LocalModels))]
    public void Model_IntermittentZeros_FiniteAndNonNegativeMean(string name)
    {
        var y = Enumerable.Range(0, 90).Select(t => t % 5 == 0 ? 3.0 : 0).ToArray();
        var f = Run(Create(name), y);

        Assert.All(f, v => Assert.True(double.IsFinite(v)));
        Assert.InRange(f.Average(), -0.5, 3.5);
    }

    [Theory]
    [MemberData(nameof(LocalModels))]
    public void Model_NaNGaps_NoNaNAndCloseToPattern(string name)
    {
        var y = TestSeries.Weekly(12, Pattern);
        var rng = new Random(42);
        for (var i = 0; i < 15; i++)
        {
            y[rng.Next(y.Length - 10)] = double.NaN;
        }

        y[^1] = double.NaN; // the origin itself is missing
        var f = Run(Create(name), y);

        Assert.All(f, v => Assert.True(double.IsFinite(v)));
        if (name != "moving_average")
        {
            for (var i = 0; i < Horizons.Length; i++)
            {
                var expected = Pattern[(y.Length - 1 + Horizons[i]) % 7];
                Assert.InRange(f[i], expected * 0.95, expected * 1.05);
            }
        }
    }

    [Theory]
    [MemberData(nameof(LocalModels))]
    public void Model_NoHistoryAtOrigin_ForecastsZero(string name)
    {
        var panel = TestSeries.Panel([double.NaN, double.NaN, 5]);

        Assert.All(Create(name).Predict(panel, 1, Horizons)[0], v => Assert.Equal(0, v));
    }

    [Fact]
    public void EtsOptions_EmptyForms_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new EtsModel(new EtsOptions { Forms = [] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EtsModel(new EtsOptions { PhiMin = 0.99, PhiMax = 0.9 }));
    }
}
