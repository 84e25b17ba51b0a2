using Obrador.FinOps.Aggregation;

namespace Obrador.FinOps.Stages;

/// <summary>Output of the <c>daily_cost</c> stage: gold rows and the reconciliation against the source.</summary>
/// <param name="Rows">Gold rows.</param>
/// <param name="Reconciliation">Totals per dimension against the source total.</param>
public sealed record DailyCostResult(IReadOnlyList<DailyCostRow> Rows, CostReconciliation Reconciliation);
