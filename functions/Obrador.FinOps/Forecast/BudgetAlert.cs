namespace Obrador.FinOps.Forecast;

/// <summary>A budget threshold crossed (or projected to be crossed) in one month for one scope.</summary>
public sealed record BudgetAlert
{
    /// <summary>Deterministic id <c>{yyyy-MM}|{threshold %}|{kind}</c>, unique per scope.</summary>
    public required string Id { get; init; }

    /// <summary>Scope key.</summary>
    public required string Scope { get; init; }

    /// <summary>First day of the month concerned.</summary>
    public required DateOnly Month { get; init; }

    /// <summary>Threshold as a share of the budget (0.5, 0.8, 1.0, …).</summary>
    public required double Threshold { get; init; }

    /// <summary>Actual or forecast.</summary>
    public required BudgetAlertKind Kind { get; init; }

    /// <summary>The amount that crossed it (month-to-date actual or projected total).</summary>
    public required decimal Amount { get; init; }

    /// <summary>The monthly budget.</summary>
    public required decimal Budget { get; init; }
}
