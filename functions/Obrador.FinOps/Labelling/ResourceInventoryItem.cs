using Obrador.FinOps.Normalisation;

namespace Obrador.FinOps.Labelling;

/// <summary>One resource as auto-labelling sees it: identity, placement, its real tags and its cost over the period.</summary>
public sealed record ResourceInventoryItem
{
    /// <summary>Provider resource id.</summary>
    public required string ResourceId { get; init; }

    /// <summary>Resource name.</summary>
    public string ResourceName { get; init; } = "";

    /// <summary>Resource group (Azure) or empty.</summary>
    public string ResourceGroup { get; init; } = "";

    /// <summary>Resource type (display name or provider type).</summary>
    public string ResourceType { get; init; } = "";

    /// <summary>Subscription / account id.</summary>
    public string SubAccountId { get; init; } = "";

    /// <summary>Subscription / account name.</summary>
    public string SubAccountName { get; init; } = "";

    /// <summary>FOCUS ServiceName.</summary>
    public string ServiceName { get; init; } = "";

    /// <summary>The resource's real tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = CostRecord.EmptyTags;

    /// <summary>EffectiveCost over the period, for label compliance.</summary>
    public decimal Cost { get; init; }

    /// <summary>
    /// Builds the inventory from silver records (see <see cref="ResourceInventoryBuilder"/>): one item per resource id
    /// (case-insensitive), tags merged, cost summed; rows without a resource id are skipped (they cannot be tagged).
    /// </summary>
    public static IReadOnlyList<ResourceInventoryItem> FromRecords(IEnumerable<CostRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var builder = new ResourceInventoryBuilder();
        foreach (var r in records)
        {
            builder.Add(r);
        }

        return builder.Build();
    }
}
