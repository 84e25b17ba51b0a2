namespace Obrador.Functions.Api.Contracts;

/// <summary>Month-end outlook of a scope, in the billing currency.</summary>
/// <param name="EndOfMonth">Forecast spend at month end (median).</param>
/// <param name="Budget">The scope's monthly budget, if known.</param>
/// <param name="BudgetUsed">Share of the budget the month-end forecast uses (1.0 = 100 %).</param>
public sealed record CostSummary(double? EndOfMonth, double? Budget, double? BudgetUsed);
