using Obrador.FinOps.Anomalies;

namespace Obrador.FinOps.Forecast;

/// <summary>
/// Per-scope cost forecasting: the next <see cref="CostForecastOptions.HorizonDays"/> days with an interval, the
/// end-of-month projection (month-to-date actual + forecast of the remaining days; its interval sums the daily
/// standard deviations, i.e. treats forecast errors as fully correlated — a deliberate upper bound, safer for budget
/// warnings), and budget alerts at each threshold, actual first, then forecast (the early warning).
/// Thread-safe when the forecaster is.
/// </summary>
public sealed class CostForecastService
{
    private readonly ICostForecaster forecaster;
    private readonly CostForecastOptions options;

    /// <summary>Creates the service over a forecaster (default: <see cref="DampedSeasonalForecaster"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public CostForecastService(ICostForecaster? forecaster = null, CostForecastOptions? options = null)
    {
        this.forecaster = forecaster ?? new DampedSeasonalForecaster();
        this.options = options ?? new CostForecastOptions();
        this.options.Validate();
    }

    /// <summary>
    /// Forecasts one scope whose daily actuals end on the last day of <paramref name="series"/> (the as-of day).
    /// Returns null when the history is shorter than <see cref="CostForecastOptions.MinHistoryDays"/>.
    /// </summary>
    public CostForecastResult? Forecast(ScopeSeries series, ScopeBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var y = series.Values;
        if (y.Length < options.MinHistoryDays)
        {
            return null;
        }

        var asOf = series.Start.AddDays(y.Length - 1);
        var curve = forecaster.Forecast(y, series.Start, options.HorizonDays);
        var days = new List<CostForecastPoint>(options.HorizonDays);
        for (var h = 0; h < options.HorizonDays; h++)
        {
            var m = curve.Mean[h];
            var d = options.IntervalZ * curve.StdDev[h];
            days.Add(new CostForecastPoint(asOf.AddDays(h + 1), Math.Max(0, m - d), m, m + d));
        }

        var monthStart = new DateOnly(asOf.Year, asOf.Month, 1);
        var mtd = 0m;
        for (var t = Math.Max(0, monthStart.DayNumber - series.Start.DayNumber); t < y.Length; t++)
        {
            mtd += (decimal)y[t];
        }

        var remaining = DateTime.DaysInMonth(asOf.Year, asOf.Month) - asOf.Day;
        double mean = 0, sd = 0;
        for (var h = 0; h < Math.Min(remaining, options.HorizonDays); h++)
        {
            mean += curve.Mean[h];
            sd += curve.StdDev[h];
        }

        var p50 = mtd + (decimal)mean;
        var p10 = mtd + (decimal)Math.Max(0, mean - (options.IntervalZ * sd));
        var p90 = mtd + (decimal)(mean + (options.IntervalZ * sd));
        var alerts = new List<BudgetAlert>();
        if (budget is not null && budget.MonthlyAmount > 0)
        {
            foreach (var th in options.Thresholds.Order())
            {
                var line = budget.MonthlyAmount * (decimal)th;
                if (mtd >= line)
                {
                    alerts.Add(Alert(series.Scope, monthStart, th, BudgetAlertKind.Actual, mtd, budget.MonthlyAmount));
                }
                else if (p50 >= line)
                {
                    alerts.Add(Alert(series.Scope, monthStart, th, BudgetAlertKind.Forecast, p50, budget.MonthlyAmount));
                }
            }
        }

        return new CostForecastResult
        {
            Scope = series.Scope,
            AsOf = asOf,
            Model = forecaster.Name,
            Days = days,
            MonthToDate = Math.Round(mtd, 2),
            EndOfMonthP10 = Math.Round(p10, 2),
            EndOfMonthP50 = Math.Round(p50, 2),
            EndOfMonthP90 = Math.Round(p90, 2),
            Budget = budget?.MonthlyAmount,
            BudgetUsed = budget is { MonthlyAmount: > 0 } ? (double)(p50 / budget.MonthlyAmount) : null,
            Alerts = alerts,
        };
    }

    private static BudgetAlert Alert(string scope, DateOnly month, double th, BudgetAlertKind kind, decimal amount, decimal budget) => new()
    {
        Id = $"{month:yyyy-MM}|{Math.Round(th * 100)}|{kind}",
        Scope = scope,
        Month = month,
        Threshold = th,
        Kind = kind,
        Amount = Math.Round(amount, 2),
        Budget = budget,
    };
}
