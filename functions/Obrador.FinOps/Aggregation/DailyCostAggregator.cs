using Obrador.FinOps.Normalisation;

namespace Obrador.FinOps.Aggregation;

/// <summary>
/// Accumulates silver <see cref="CostRecord"/>s into gold <c>daily_cost</c> rows with exact decimal sums.
/// Partitioned work merges with <see cref="Combine"/>. Not thread-safe: use one aggregator per partition.
/// </summary>
public sealed class DailyCostAggregator
{
    private readonly DailyCostOptions options;
    private readonly bool[] enabled;
    private readonly Dictionary<Key, Sum> sums = new();
    private readonly Dictionary<string, decimal> source = new(StringComparer.Ordinal);

    /// <summary>Creates an empty aggregator.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public DailyCostAggregator(DailyCostOptions? options = null)
    {
        this.options = options ?? new DailyCostOptions();
        this.options.Validate();
        enabled = new bool[Enum.GetValues<CostDimension>().Length];
        foreach (var d in this.options.Dimensions)
        {
            enabled[(int)d] = true;
        }
    }

    /// <summary>Number of distinct (dimension, scope, day, currency) cells so far.</summary>
    public int CellCount => sums.Count;

    /// <summary>Adds one record to every enabled dimension.</summary>
    public void Add(CostRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var day = record.ChargeDate.DayNumber;
        var cur = record.BillingCurrency;
        source[cur] = source.GetValueOrDefault(cur) + record.EffectiveCost;
        if (enabled[(int)CostDimension.Total])
        {
            Accumulate(new Key(CostDimension.Total, "_all", day, cur), record);
        }

        if (enabled[(int)CostDimension.Subscription])
        {
            Accumulate(new Key(CostDimension.Subscription, OrNone(record.SubAccountId), day, cur), record);
        }

        if (enabled[(int)CostDimension.ResourceGroup])
        {
            Accumulate(new Key(CostDimension.ResourceGroup, ResourceGroupScope(record), day, cur), record);
        }

        if (enabled[(int)CostDimension.Service])
        {
            Accumulate(new Key(CostDimension.Service, OrNone(record.ServiceName), day, cur), record);
        }

        if (enabled[(int)CostDimension.Resource])
        {
            Accumulate(new Key(CostDimension.Resource, OrNone(record.ResourceId.ToLowerInvariant()), day, cur), record);
        }

        if (enabled[(int)CostDimension.Tag])
        {
            foreach (var key in options.TagKeys)
            {
                Accumulate(new Key(CostDimension.Tag, key + "=" + TagValue(record.Tags, key), day, cur), record);
            }
        }
    }

    /// <summary>Adds every record.</summary>
    public void AddRange(IEnumerable<CostRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var r in records)
        {
            Add(r);
        }
    }

    /// <summary>Merges another aggregator's sums into this one (partitioned aggregation).</summary>
    public void Combine(DailyCostAggregator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (k, v) in other.sums)
        {
            if (sums.TryGetValue(k, out var s))
            {
                s.Billed += v.Billed;
                s.Effective += v.Effective;
                s.List += v.List;
                s.Rows += v.Rows;
            }
            else
            {
                sums[k] = new Sum { Billed = v.Billed, Effective = v.Effective, List = v.List, Rows = v.Rows };
            }
        }

        foreach (var (c, v) in other.source)
        {
            source[c] = source.GetValueOrDefault(c) + v;
        }
    }

    /// <summary>The gold rows, ordered by dimension, scope, day, currency.</summary>
    public IReadOnlyList<DailyCostRow> Build() =>
        sums.OrderBy(p => p.Key.Dimension).ThenBy(p => p.Key.Scope, StringComparer.Ordinal).ThenBy(p => p.Key.Day).ThenBy(p => p.Key.Currency, StringComparer.Ordinal)
            .Select(p => new DailyCostRow
            {
                Dimension = p.Key.Dimension,
                Scope = p.Key.Scope,
                Date = DateOnly.FromDayNumber(p.Key.Day),
                Currency = p.Key.Currency,
                BilledCost = p.Value.Billed,
                EffectiveCost = p.Value.Effective,
                ListCost = p.Value.List,
                Rows = p.Value.Rows,
            })
            .ToList();

    /// <summary>
    /// Compares every dimension's total with <paramref name="sourceTotal"/> (per currency), e.g. the sum of the raw
    /// export column; when null, with the sum of the records added.
    /// </summary>
    public CostReconciliation Reconcile(IReadOnlyDictionary<string, decimal>? sourceTotal = null)
    {
        var reference = sourceTotal ?? source;
        var gold = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (k, v) in sums)
        {
            var group = k.Dimension == CostDimension.Tag ? $"Tag:{k.Scope[..k.Scope.IndexOf('=', StringComparison.Ordinal)]}" : k.Dimension.ToString();
            var name = group + "|" + k.Currency;
            gold[name] = gold.GetValueOrDefault(name) + v.Effective;
        }

        var max = 0m;
        foreach (var (name, total) in gold)
        {
            var cur = name[(name.IndexOf('|', StringComparison.Ordinal) + 1)..];
            max = Math.Max(max, Math.Abs(total - reference.GetValueOrDefault(cur)));
        }

        foreach (var (cur, total) in reference)
        {
            if (!gold.Keys.Any(k => k.EndsWith("|" + cur, StringComparison.Ordinal)))
            {
                max = Math.Max(max, Math.Abs(total));
            }
        }

        return new CostReconciliation { SourceTotal = new Dictionary<string, decimal>(reference), GoldTotal = gold, MaxDifference = max };
    }

    /// <summary>Resource-group scope key of a record: <c>{SubAccountId}/{rg lower}</c>, <c>(none)</c> parts when empty.</summary>
    public static string ResourceGroupScope(CostRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return OrNone(record.SubAccountId) + "/" + OrNone(record.ResourceGroup.ToLowerInvariant());
    }

    /// <summary>Value of tag <paramref name="key"/> (case-insensitive key match) or <c>(untagged)</c>.</summary>
    public static string TagValue(IReadOnlyDictionary<string, string> tags, string key)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.TryGetValue(key, out var v) && v.Length > 0)
        {
            return v;
        }

        foreach (var (k, value) in tags)
        {
            if (k.Equals(key, StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                return value;
            }
        }

        return "(untagged)";
    }

    private static string OrNone(string s) => s.Length == 0 ? "(none)" : s;

    private void Accumulate(Key key, CostRecord r)
    {
        if (!sums.TryGetValue(key, out var s))
        {
            s = new Sum();
            sums[key] = s;
        }

        s.Billed += r.BilledCost;
        s.Effective += r.EffectiveCost;
        s.List += r.ListCost;
        s.Rows++;
    }

    private readonly record struct Key(CostDimension Dimension, string Scope, int Day, string Currency);

    private sealed class Sum
    {
        public decimal Billed;
        public decimal Effective;
        public decimal List;
        public long Rows;
    }
}
