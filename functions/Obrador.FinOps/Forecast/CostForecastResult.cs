namespace Obrador.FinOps.Forecast;

/// <summary>Forecast for one scope: the next days, the end-of-month projection, the budget and its alerts.</summary>
public sealed record CostForecastResult
{
    /// <summary>Scope key.</summary>
    public required string Scope { get; init; }

    /// <summary>Last day of actuals used.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Forecaster name.</summary>
    public required string Model { get; init; }

    /// <summary>One point per day after <see cref="AsOf"/>.</summary>
    public required IReadOnlyList<CostForecastPoint> Days { get; init; }

    /// <summary>Actual cost of the as-of month so far (inclusive of <see cref="AsOf"/>).</summary>
    public required decimal MonthToDate { get; init; }

    /// <summary>Projected month total, 10th percentile.</summary>
    public required decimal EndOfMonthP10 { get; init; }

    /// <summary>Projected month total, median.</summary>
    public required decimal EndOfMonthP50 { get; init; }

    /// <summary>Projected month total, 90th percentile.</summary>
    public required decimal EndOfMonthP90 { get; init; }

    /// <summary>Budget of the scope, or null when none is configured.</summary>
    public decimal? Budget { get; init; }

    /// <summary>Projected median total ÷ budget, or null.</summary>
    public double? BudgetUsed { get; init; }

    /// <summary>Thresholds crossed, actual before forecast.</summary>
    public required IReadOnlyList<BudgetAlert> Alerts { get; init; }
}
