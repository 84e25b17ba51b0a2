namespace Obrador.FinOps.Synthetic;

/// <summary>One generated resource: identity copied in style from a real billing row, its group and its tags.</summary>
public sealed record SyntheticResource
{
    /// <summary>ARM-style id.</summary>
    public required string ResourceId { get; init; }

    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>Resource group name.</summary>
    public required string ResourceGroup { get; init; }

    /// <summary>Resource-group scope key (<c>{sub}/{rg lower}</c>).</summary>
    public required string GroupScope { get; init; }

    /// <summary>Resource type (from the real template row).</summary>
    public required string ResourceType { get; init; }

    /// <summary>ServiceName (from the real template row).</summary>
    public required string ServiceName { get; init; }

    /// <summary>ServiceCategory (from the real template row).</summary>
    public required string ServiceCategory { get; init; }

    /// <summary>RegionId.</summary>
    public required string RegionId { get; init; }

    /// <summary>RegionName.</summary>
    public required string RegionName { get; init; }

    /// <summary>Subscription id.</summary>
    public required string SubAccountId { get; init; }

    /// <summary>Subscription name.</summary>
    public required string SubAccountName { get; init; }

    /// <summary>The full, true required tags (owner, cost-center, application, environment).</summary>
    public required IReadOnlyDictionary<string, string> TrueTags { get; init; }

    /// <summary>Tags as exported (some removed for untagged resources).</summary>
    public required IReadOnlyDictionary<string, string> ObservedTags { get; init; }
}
