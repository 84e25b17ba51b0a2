namespace Obrador.FinOps.Forecast;

/// <summary>A monthly budget for one scope.</summary>
/// <param name="Scope">Scope key, as in <c>daily_cost</c>.</param>
/// <param name="MonthlyAmount">Budget per calendar month in the scope's currency, &gt; 0.</param>
public sealed record ScopeBudget(string Scope, decimal MonthlyAmount);
