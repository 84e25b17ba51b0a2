using Obrador.Forecasting.Metrics;

namespace Obrador.Forecasting.Tests;

public class MetricsTests
{
    // y = [2, 0, 4], ŷ = [3, 1, 2] → e = ŷ − y = [1, 1, −2].
    private static readonly double[] Actual = [2, 0, 4];
    private static readonly double[] Forecast = [3, 1, 2];

    [Fact]
    public void Compute_HandExample_MatchesHandComputedValues()
    {
        var m = ForecastMetrics.Compute(Actual, Forecast, scale: 2);

        Assert.Equal(3, m.Count);
        Assert.Equal(4.0 / 3, m.Mae, 12);
        Assert.Equal(Math.Sqrt(6.0 / 3), m.Rmse, 12);
        Assert.Equal(100 * ((1.0 / 2) + (2.0 / 4)) / 2, m.Mape, 12); // zero actual excluded
        Assert.Equal(100 * ((2.0 / 5) + (2.0 / 1) + (4.0 / 6)) / 3, m.Smape, 12);
        Assert.Equal(100 * 4.0 / 6, m.Wmape, 12);
        Assert.Equal(0, m.Bias, 12);
        Assert.Equal(((1.0 / 2) + (1.0 / 2) + (2.0 / 2)) / 3, m.Mase, 12);
    }

    [Fact]
    public void Compute_OverForecast_PositiveBias()
    {
        var m = ForecastMetrics.Compute([10, 20], [12, 23]);

        Assert.Equal(2.5, m.Bias, 12);
        Assert.True(double.IsNaN(m.Mase));
    }

    [Fact]
    public void Compute_BothZero_SmapeCountsZeroAndMapeUndefined()
    {
        var m = ForecastMetrics.Compute([0, 0], [0, 0]);

        Assert.Equal(0, m.Smape);
        Assert.True(double.IsNaN(m.Mape));
        Assert.True(double.IsNaN(m.Wmape));
        Assert.Equal(0, m.Mae);
    }

    [Fact]
    public void Compute_NaNPoints_Skipped()
    {
        var m = ForecastMetrics.Compute([1, double.NaN, 3], [2, 5, double.NaN]);

        Assert.Equal(1, m.Count);
        Assert.Equal(1, m.Mae);
    }

    [Fact]
    public void Compute_NoPoints_AllNaN()
    {
        var m = ForecastMetrics.Compute([], []);

        Assert.Equal(0, m.Count);
        Assert.True(double.IsNaN(m.Mae) && double.IsNaN(m.Rmse) && double.IsNaN(m.Smape) && double.IsNaN(m.Bias));
    }

    [Fact]
    public void SeasonalScale_HandExample_MeanAbsoluteSeasonalDifference()
    {
        // m = 3: pairs (1,1), (2,2), (3,5) → (0 + 0 + 2) / 3.
        Assert.Equal(2.0 / 3, ForecastMetrics.SeasonalScale([1, 2, 3, 1, 2, 5], 3), 12);
    }

    [Fact]
    public void SeasonalScale_ShorterThanSeason_FallsBackToLagOne()
    {
        Assert.Equal(1.5, ForecastMetrics.SeasonalScale([1, 2, 4], 7), 12);
        Assert.True(double.IsNaN(ForecastMetrics.SeasonalScale([5], 7)));
    }

    [Fact]
    public void Accumulator_CombinedHalves_EqualWhole()
    {
        var a = new MetricAccumulator();
        var b = new MetricAccumulator();
        a.Add(2, 3, 2);
        a.AddInterval(2, 1, 3);
        b.Add(0, 1, 2);
        b.Add(4, 2, 2);
        b.AddInterval(4, 0, 3);
        a.Combine(b);

        var whole = ForecastMetrics.Compute(Actual, Forecast, 2);
        var combined = a.ToMetrics();
        Assert.Equal(whole with { Coverage = 0.5 }, combined);
    }
}
