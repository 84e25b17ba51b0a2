namespace Obrador.Ingestion.Billing;

/// <summary>Source formats of billing exports, as written in <see cref="Bronze.BronzeBillingRow.SourceFormat"/>.</summary>
public static class BillingFormats
{
    /// <summary>Azure Cost Management Enterprise Agreement cost details (PascalCase headers, <c>BillingAccountId</c>, <c>Cost</c> or <c>CostInBillingCurrency</c>).</summary>
    public const string Ea = "EA";

    /// <summary>Azure Cost Management Microsoft Customer Agreement cost details (camelCase headers, <c>billingProfileId</c>, <c>costInBillingCurrency</c>).</summary>
    public const string Mca = "MCA";

    /// <summary>FinOps Open Cost and Usage Specification 1.0 (<c>BilledCost</c>, <c>EffectiveCost</c>, <c>ChargePeriodStart</c>).</summary>
    public const string Focus = "FOCUS";
}
