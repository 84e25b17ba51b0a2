namespace Obrador.FinOps.Normalisation;

/// <summary>
/// One billing row in the silver schema, aligned with FOCUS 1.0 (FinOps Open Cost and Usage Specification, section 3
/// "Columns"): amounts are decimal in <see cref="BillingCurrency"/>; periods are UTC, start inclusive, end exclusive.
/// Missing text values are empty strings, never null.
/// </summary>
public sealed record CostRecord
{
    /// <summary>FOCUS BilledCost: the amount invoiced for this row.</summary>
    public required decimal BilledCost { get; init; }

    /// <summary>FOCUS EffectiveCost: amortised cost after discounts; what cost reports and anomaly detection use.</summary>
    public required decimal EffectiveCost { get; init; }

    /// <summary>FOCUS ListCost: cost at public list prices (equals BilledCost when the source has no list price).</summary>
    public required decimal ListCost { get; init; }

    /// <summary>FOCUS ChargePeriodStart (UTC, inclusive).</summary>
    public required DateTime ChargePeriodStart { get; init; }

    /// <summary>FOCUS ChargePeriodEnd (UTC, exclusive).</summary>
    public required DateTime ChargePeriodEnd { get; init; }

    /// <summary>FOCUS BillingCurrency (ISO 4217 code, e.g. <c>USD</c>).</summary>
    public required string BillingCurrency { get; init; }

    /// <summary>FOCUS ServiceName (e.g. <c>Virtual Machines</c>).</summary>
    public string ServiceName { get; init; } = "";

    /// <summary>FOCUS ServiceCategory (e.g. <c>Compute</c>, <c>Storage</c>; <c>Other</c> when unknown).</summary>
    public string ServiceCategory { get; init; } = "";

    /// <summary>FOCUS ResourceId as the provider spells it (ARM id, ARN, OCID).</summary>
    public string ResourceId { get; init; } = "";

    /// <summary>FOCUS ResourceName (last id segment when the source has no name).</summary>
    public string ResourceName { get; init; } = "";

    /// <summary>FOCUS ResourceType: display name (e.g. <c>Virtual machine</c>) when known, else the provider's type.</summary>
    public string ResourceType { get; init; } = "";

    /// <summary>Provider type id in lower case (e.g. <c>microsoft.compute/virtualmachines</c>); empty when unknown.</summary>
    public string ResourceTypeId { get; init; } = "";

    /// <summary>FOCUS RegionId (e.g. <c>eastus</c>).</summary>
    public string RegionId { get; init; } = "";

    /// <summary>FOCUS RegionName (e.g. <c>East US</c>).</summary>
    public string RegionName { get; init; } = "";

    /// <summary>FOCUS SubAccountId (Azure subscription id, AWS account, OCI tenancy).</summary>
    public string SubAccountId { get; init; } = "";

    /// <summary>FOCUS SubAccountName.</summary>
    public string SubAccountName { get; init; } = "";

    /// <summary>FOCUS ChargeCategory: Usage, Purchase, Tax, Credit or Adjustment.</summary>
    public string ChargeCategory { get; init; } = "Usage";

    /// <summary>FOCUS ProviderName (e.g. <c>Microsoft</c>, <c>AWS</c>).</summary>
    public string ProviderName { get; init; } = "";

    /// <summary>Azure resource group (from the export column or the ARM id); empty for other providers.</summary>
    public string ResourceGroup { get; init; } = "";

    /// <summary>FOCUS Tags: key → value, keys trimmed, original case kept; empty when the row has none.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    /// <summary>The UTC calendar day the charge is attributed to (the day of <see cref="ChargePeriodStart"/>).</summary>
    public DateOnly ChargeDate => DateOnly.FromDateTime(ChargePeriodStart);

    internal static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();
}
