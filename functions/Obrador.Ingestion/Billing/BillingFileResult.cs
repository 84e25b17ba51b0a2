namespace Obrador.Ingestion.Billing;

/// <summary>What became of one export data file, with its reconciliation (recorded in the ledger).</summary>
/// <param name="File">Source blob path (<c>billing-exports/…</c>).</param>
/// <param name="Format"><c>EA</c>, <c>MCA</c>, <c>FOCUS</c>, or null when unreadable.</param>
/// <param name="Rows">Data rows in the file.</param>
/// <param name="BronzeRows">Rows read back from the bronze file (0 when quarantined).</param>
/// <param name="FileCost">Sum of the cost column as written in the file (decimal, exact).</param>
/// <param name="BronzeCost">Sum of <c>cost</c> read back from bronze.</param>
/// <param name="FileEffectiveCost">Sum of FOCUS <c>EffectiveCost</c> in the file (0 for EA/MCA).</param>
/// <param name="BronzeEffectiveCost">Sum of <c>effective_cost</c> read back from bronze.</param>
/// <param name="Reconciled">True when rows and both totals match to the cent.</param>
/// <param name="BronzePath">Bronze file, or null when quarantined.</param>
/// <param name="QuarantinePath">Quarantine file, or null.</param>
/// <param name="Reason">Why the file was quarantined, or null.</param>
public sealed record BillingFileResult(
    string File, string? Format, int Rows, int BronzeRows, decimal FileCost, decimal BronzeCost, decimal FileEffectiveCost, decimal BronzeEffectiveCost,
    bool Reconciled, string? BronzePath, string? QuarantinePath, string? Reason)
{
    /// <summary>Cost type written to bronze (see <see cref="BillingCostTypes"/>), or null when not written.</summary>
    public string? CostType { get; init; }
}
