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
    /// Builds the inventory from silver records: one item per resource id (case-insensitive), tags merged (later
    /// non-empty values win), cost summed. Rows without a resource id are skipped (they cannot be tagged).
    /// </summary>
    public static IReadOnlyList<ResourceInventoryItem> FromRecords(IEnumerable<CostRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var byId = new Dictionary<string, (CostRecord First, Dictionary<string, string> Tags, decimal Cost)>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in records)
        {
            if (r.ResourceId.Length == 0)
            {
                continue;
            }

            if (!byId.TryGetValue(r.ResourceId, out var e))
            {
                e = (r, new Dictionary<string, string>(StringComparer.Ordinal), 0m);
            }

            foreach (var (k, v) in r.Tags)
            {
                if (v.Length > 0)
                {
                    e.Tags[k] = v;
                }
            }

            byId[r.ResourceId] = (e.First, e.Tags, e.Cost + r.EffectiveCost);
        }

        return byId.Values.Select(e => new ResourceInventoryItem
        {
            ResourceId = e.First.ResourceId,
            ResourceName = e.First.ResourceName,
            ResourceGroup = e.First.ResourceGroup,
            ResourceType = e.First.ResourceType,
            SubAccountId = e.First.SubAccountId,
            SubAccountName = e.First.SubAccountName,
            ServiceName = e.First.ServiceName,
            Tags = e.Tags,
            Cost = e.Cost,
        }).OrderBy(i => i.ResourceId, StringComparer.Ordinal).ToList();
    }
}
