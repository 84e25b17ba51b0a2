namespace Obrador.FinOps.Aggregation;

/// <summary>The scopes <c>daily_cost</c> is aggregated by.</summary>
public enum CostDimension
{
    /// <summary>Everything in one series per currency (scope key <c>_all</c>).</summary>
    Total,

    /// <summary>FOCUS SubAccountId (Azure subscription).</summary>
    Subscription,

    /// <summary><c>{SubAccountId}/{resource group, lower case}</c>.</summary>
    ResourceGroup,

    /// <summary>FOCUS ServiceName.</summary>
    Service,

    /// <summary>FOCUS ResourceId, lower case (ARM ids are case-insensitive).</summary>
    Resource,

    /// <summary><c>{tag key}={value}</c> for each configured tag key, <c>{key}=(untagged)</c> when absent.</summary>
    Tag,
}
