namespace Obrador.FinOps.Normalisation;

/// <summary>The source fields the normaliser reads; <see cref="BillingColumnMap"/> binds each to a header.</summary>
internal enum BillingField
{
    BilledCost,
    EffectiveCost,
    ListCost,
    ChargePeriodStart,
    ChargePeriodEnd,
    BillingCurrency,
    ServiceName,
    ServiceCategory,
    ResourceId,
    ResourceName,
    ResourceType,
    RegionId,
    RegionName,
    SubAccountId,
    SubAccountName,
    ChargeCategory,
    ProviderName,
    ResourceGroup,
    Tags,
    ConsumedService,
    MeterCategory,
    Quantity,
    PayGPrice,
    PricingModel,
}
