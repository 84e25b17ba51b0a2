using Obrador.FinOps.Anomalies;
using Obrador.FinOps.Forecast;

namespace Obrador.FinOps.Tests;

public sealed class ForecastTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);

    private static double Truth(int d) => (100 + (0.2 * d)) * (d % 7 is 5 or 6 ? 0.6 : 1.0);

    [Fact]
    public void DampedSeasonalForecaster_TrendAndWeeklyPattern_ForecastsWithinFivePercent()
    {
        var random = new Random(11);
        var y = Enumerable.Range(0, 180).Select(d => Truth(d) * (1 + (0.02 * ((random.NextDouble() * 2) - 1)))).ToArray();

        var curve = new DampedSeasonalForecaster().Forecast(y, Start, 28);

        for (var h = 0; h < 28; h++)
        {
            Assert.InRange(curve.Mean[h], Truth(180 + h) * 0.95, Truth(180 + h) * 1.05);
        }

        Assert.True(curve.StdDev[27] >= curve.StdDev[0]);
        Assert.True(curve.StdDev[0] > 0);
    }

    [Fact]
    public void EtsEngineForecaster_TrendAndWeeklyPattern_ForecastsWithinFivePercentWithPositiveSpread()
    {
        var random = new Random(12);
        var y = Enumerable.Range(0, 120).Select(d => Truth(d) * (1 + (0.02 * ((random.NextDouble() * 2) - 1)))).ToArray();

        var curve = new EtsEngineForecaster().Forecast(y, Start, 14);

        for (var h = 0; h < 14; h++)
        {
            Assert.InRange(curve.Mean[h], Truth(120 + h) * 0.95, Truth(120 + h) * 1.05);
            Assert.True(curve.StdDev[h] > 0);
        }
    }

    [Fact]
    public void CostForecastService_OnTheEngine_NamesTheModel()
    {
        var y = Enumerable.Range(0, 70).Select(Truth).ToArray();
        var result = new CostForecastService(new EtsEngineForecaster()).Forecast(new ScopeSeries { Scope = "s", Start = Start, Values = y })!;

        Assert.Equal("engine-ets-conformal", result.Model);
        Assert.Equal(90, result.Days.Count);
        Assert.All(result.Days, d => Assert.True(d.P10 <= d.P50 && d.P50 <= d.P90));
    }

    [Fact]
    public void DampedSeasonalForecaster_ShortHistory_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DampedSeasonalForecaster().Forecast(new double[10], Start, 5));
    }

    [Fact]
    public void CostForecastService_FlatSeries_ProjectsMonthEndAndRaisesBudgetAlerts()
    {
        // 31 January days at 10/day ... up to 2024-02-10: month-to-date 100, 19 days left → ~290.
        var y = Enumerable.Repeat(10.0, 41).ToArray();
        var service = new CostForecastService();

        var result = service.Forecast(new ScopeSeries { Scope = "sub", Start = Start, Values = y }, new ScopeBudget("sub", 400m))!;

        Assert.Equal(new DateOnly(2024, 2, 10), result.AsOf);
        Assert.Equal(90, result.Days.Count);
        Assert.Equal(new DateOnly(2024, 2, 11), result.Days[0].Date);
        Assert.Equal(100m, result.MonthToDate);
        Assert.InRange(result.EndOfMonthP50, 285m, 295m);
        Assert.True(result.EndOfMonthP10 <= result.EndOfMonthP50 && result.EndOfMonthP50 <= result.EndOfMonthP90);
        Assert.InRange(result.BudgetUsed!.Value, 0.71, 0.74);
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(0.5, alert.Threshold);
        Assert.Equal(BudgetAlertKind.Forecast, alert.Kind);
        Assert.Equal("2024-02|50|Forecast", alert.Id);
    }

    [Fact]
    public void CostForecastService_ActualAboveThreshold_RaisesActualAlertBeforeForecast()
    {
        var y = Enumerable.Repeat(10.0, 41).ToArray();
        var result = new CostForecastService().Forecast(new ScopeSeries { Scope = "sub", Start = Start, Values = y }, new ScopeBudget("sub", 180m))!;

        Assert.Equal(
            [(0.5, BudgetAlertKind.Actual), (0.8, BudgetAlertKind.Forecast), (1.0, BudgetAlertKind.Forecast)],
            result.Alerts.Select(a => (a.Threshold, a.Kind)).ToArray());
    }

    [Fact]
    public void CostForecastService_TooShortHistory_ReturnsNull()
    {
        Assert.Null(new CostForecastService().Forecast(new ScopeSeries { Scope = "s", Start = Start, Values = new double[5] }));
    }
}
