using Obrador.FinOps.Normalisation;

namespace Obrador.FinOps.Labelling;

/// <summary>
/// Streams silver records into the resource inventory: one item per resource id (case-insensitive), tags merged
/// (later non-empty values win), EffectiveCost summed. Rows without a resource id are skipped (nothing to tag).
/// Partitions merge with <see cref="Combine"/>. Not thread-safe.
/// </summary>
public sealed class ResourceInventoryBuilder
{
    private readonly Dictionary<string, Entry> byId = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds one record.</summary>
    public void Add(CostRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ResourceId.Length == 0)
        {
            return;
        }

        if (!byId.TryGetValue(record.ResourceId, out var e))
        {
            e = new Entry(record);
            byId[record.ResourceId] = e;
        }

        e.Merge(record.Tags, record.EffectiveCost);
    }

    /// <summary>Merges another builder into this one (the other's tags win on conflicts).</summary>
    public void Combine(ResourceInventoryBuilder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (id, o) in other.byId)
        {
            if (byId.TryGetValue(id, out var e))
            {
                e.Merge(o.Tags, o.Cost);
            }
            else
            {
                byId[id] = o;
            }
        }
    }

    /// <summary>The inventory, ordered by resource id.</summary>
    public IReadOnlyList<ResourceInventoryItem> Build() =>
        byId.Values.Select(e => new ResourceInventoryItem
        {
            ResourceId = e.First.ResourceId,
            ResourceName = e.First.ResourceName,
            ResourceGroup = e.First.ResourceGroup,
            ResourceType = e.First.ResourceType,
            SubAccountId = e.First.SubAccountId,
            SubAccountName = e.First.SubAccountName,
            ServiceName = e.First.ServiceName,
            Tags = e.Tags ?? CostRecord.EmptyTags,
            Cost = e.Cost,
        }).OrderBy(i => i.ResourceId, StringComparer.Ordinal).ToList();

    private sealed class Entry(CostRecord first)
    {
        private IReadOnlyDictionary<string, string>? shared;
        private Dictionary<string, string>? own;

        public CostRecord First { get; } = first;

        public decimal Cost { get; private set; }

        public IReadOnlyDictionary<string, string>? Tags => (IReadOnlyDictionary<string, string>?)own ?? shared;

        public void Merge(IReadOnlyDictionary<string, string>? tags, decimal cost)
        {
            Cost += cost;
            if (tags is null || tags.Count == 0 || ReferenceEquals(tags, Tags))
            {
                return;
            }

            // Most rows of a resource carry the same tag map: keep the reference and copy only when they differ.
            if (Tags is null)
            {
                shared = tags;
                return;
            }

            own ??= new Dictionary<string, string>(Tags, StringComparer.Ordinal);
            foreach (var (k, v) in tags)
            {
                if (v.Length > 0)
                {
                    own[k] = v;
                }
            }
        }
    }
}
