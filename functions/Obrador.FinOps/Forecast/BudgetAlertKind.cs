namespace Obrador.FinOps.Forecast;

/// <summary>Why a budget alert fired.</summary>
public enum BudgetAlertKind
{
    /// <summary>Month-to-date actual cost crossed the threshold.</summary>
    Actual,

    /// <summary>The end-of-month projection (P50) crosses the threshold: the early warning.</summary>
    Forecast,
}
