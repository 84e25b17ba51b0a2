namespace Obrador.FinOps.Normalisation;

/// <summary>The source schema of a billing export, detected from its header.</summary>
public enum BillingFormat
{
    /// <summary>FOCUS 1.0 (BilledCost, EffectiveCost, ChargePeriodStart, …).</summary>
    Focus,

    /// <summary>Azure Cost Management EA or MCA cost details export (Date, CostInBillingCurrency or Cost, …).</summary>
    AzureCostDetails,
}
