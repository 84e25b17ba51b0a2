using System.Runtime.InteropServices;
using Obrador.FinOps.Normalisation;

namespace Obrador.FinOps.Aggregation;

/// <summary>
/// Accumulates silver <see cref="CostRecord"/>s into gold <c>daily_cost</c> rows with exact decimal sums.
/// Scope strings are interned once per slot (dimension or tag key) and cells are keyed by (scope id, day) as one
/// 64-bit number, so a row costs one string lookup per slot and no allocation once its scopes are known.
/// Partitioned work merges with <see cref="Combine"/>. Not thread-safe: use one aggregator per partition.
/// </summary>
public sealed class DailyCostAggregator
{
    private static readonly CostDimension[] FixedSlots =
        [CostDimension.Total, CostDimension.Subscription, CostDimension.ResourceGroup, CostDimension.Service, CostDimension.Resource];

    private readonly DailyCostOptions options;
    private readonly bool[] enabled;
    private readonly Dictionary<string, Ledger> ledgers = new(StringComparer.Ordinal);

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
    public int CellCount => ledgers.Values.Sum(l => l.Cells.Sum(c => c.Count));

    /// <summary>Adds one record to every enabled dimension.</summary>
    public void Add(CostRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var ledger = LedgerFor(record.BillingCurrency);
        ledger.Source += record.EffectiveCost;
        var day = (uint)record.ChargeDate.DayNumber;
        if (enabled[(int)CostDimension.Total])
        {
            ledger.Accumulate(0, ledger.Scopes[0].Id("_all"), day, record);
        }

        if (enabled[(int)CostDimension.Subscription])
        {
            ledger.Accumulate(1, ledger.Scopes[1].Id(OrNone(record.SubAccountId)), day, record);
        }

        if (enabled[(int)CostDimension.ResourceGroup])
        {
            ledger.Accumulate(2, ledger.GroupId(record.SubAccountId, record.ResourceGroup), day, record);
        }

        if (enabled[(int)CostDimension.Service])
        {
            ledger.Accumulate(3, ledger.Scopes[3].Id(OrNone(record.ServiceName)), day, record);
        }

        if (enabled[(int)CostDimension.Resource])
        {
            ledger.Accumulate(4, ledger.Scopes[4].Id(OrNone(record.ResourceId)), day, record);
        }

        if (enabled[(int)CostDimension.Tag])
        {
            for (var k = 0; k < options.TagKeys.Count; k++)
            {
                ledger.Accumulate(5 + k, ledger.Scopes[5 + k].Id(TagValue(record.Tags, options.TagKeys[k])), day, record);
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

    /// <summary>Merges another aggregator's sums into this one (partitioned aggregation); options must match.</summary>
    public void Combine(DailyCostAggregator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (currency, theirs) in other.ledgers)
        {
            var mine = LedgerFor(currency);
            mine.Source += theirs.Source;
            for (var slot = 0; slot < theirs.Cells.Length; slot++)
            {
                var names = theirs.Scopes[slot].Names;
                foreach (var (key, sum) in theirs.Cells[slot])
                {
                    var id = mine.Scopes[slot].Id(names[(int)(key >> 32)]);
                    ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(mine.Cells[slot], ((ulong)(uint)id << 32) | (key & 0xFFFFFFFF), out _);
                    cell.Add(sum);
                }
            }
        }
    }

    /// <summary>
    /// The gold rows, ordered by currency, dimension, tag key (for <see cref="CostDimension.Tag"/>), scope (ordinal)
    /// and day. Sorting uses each scope's ordinal rank packed with the day into one 64-bit key.
    /// </summary>
    public IReadOnlyList<DailyCostRow> Build()
    {
        var rows = new List<DailyCostRow>(CellCount);
        foreach (var (currency, ledger) in ledgers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var slots = Enumerable.Range(0, ledger.Cells.Length)
                .OrderBy(s => s < FixedSlots.Length ? s : FixedSlots.Length)
                .ThenBy(s => s < FixedSlots.Length ? "" : options.TagKeys[s - FixedSlots.Length], StringComparer.Ordinal);
            foreach (var slot in slots)
            {
                var dimension = slot < FixedSlots.Length ? FixedSlots[slot] : CostDimension.Tag;
                var prefix = slot < FixedSlots.Length ? "" : options.TagKeys[slot - FixedSlots.Length] + "=";
                var names = ledger.Scopes[slot].Names.Select(n => dimension == CostDimension.Resource ? n.ToLowerInvariant() : prefix + n).ToArray();
                var byName = Enumerable.Range(0, names.Length).ToArray();
                Array.Sort(names.ToArray(), byName, StringComparer.Ordinal);
                var rank = new int[names.Length];
                for (var r = 0; r < byName.Length; r++)
                {
                    rank[byName[r]] = r;
                }

                var cells = ledger.Cells[slot];
                var keys = new ulong[cells.Count];
                var sums = new Sum[cells.Count];
                var i = 0;
                foreach (var (key, sum) in cells)
                {
                    keys[i] = ((ulong)(uint)rank[(int)(key >> 32)] << 32) | (key & 0xFFFFFFFF);
                    sums[i++] = sum;
                }

                Array.Sort(keys, sums);
                for (i = 0; i < keys.Length; i++)
                {
                    rows.Add(new DailyCostRow
                    {
                        Dimension = dimension,
                        Scope = names[byName[(int)(keys[i] >> 32)]],
                        Date = DateOnly.FromDayNumber((int)(keys[i] & 0xFFFFFFFF)),
                        Currency = currency,
                        BilledCost = sums[i].Billed,
                        EffectiveCost = sums[i].Effective,
                        ListCost = sums[i].List,
                        Rows = sums[i].Rows,
                    });
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// Compares every dimension's total with <paramref name="sourceTotal"/> (per currency), e.g. the sum of the raw
    /// export column; when null, with the sum of the records added.
    /// </summary>
    public CostReconciliation Reconcile(IReadOnlyDictionary<string, decimal>? sourceTotal = null)
    {
        var reference = sourceTotal ?? ledgers.ToDictionary(p => p.Key, p => p.Value.Source, StringComparer.Ordinal);
        var gold = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (currency, ledger) in ledgers)
        {
            for (var slot = 0; slot < ledger.Cells.Length; slot++)
            {
                if (ledger.Cells[slot].Count == 0)
                {
                    continue;
                }

                var group = slot < FixedSlots.Length ? FixedSlots[slot].ToString() : "Tag:" + options.TagKeys[slot - FixedSlots.Length];
                gold[group + "|" + currency] = ledger.Cells[slot].Values.Aggregate(0m, (acc, s) => acc + s.Effective);
            }
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
        return GroupScope(record.SubAccountId, record.ResourceGroup);
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

    internal static string GroupScope(string subscription, string group) => OrNone(subscription) + "/" + OrNone(group.ToLowerInvariant());

    private static string OrNone(string s) => s.Length == 0 ? "(none)" : s;

    private Ledger LedgerFor(string currency)
    {
        if (!ledgers.TryGetValue(currency, out var ledger))
        {
            ledger = new Ledger(FixedSlots.Length + options.TagKeys.Count);
            ledgers[currency] = ledger;
        }

        return ledger;
    }

    private sealed class Ledger
    {
        private readonly Dictionary<(string Sub, string Group), int> groups = new(GroupComparer.Instance);

        public Ledger(int slots)
        {
            // Resource ids are case-insensitive (ARM); other scopes compare exactly.
            Scopes = Enumerable.Range(0, slots).Select(s => new ScopeTable(s == 4 ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)).ToArray();
            Cells = Enumerable.Range(0, slots).Select(_ => new Dictionary<ulong, Sum>(CellKeyComparer.Instance)).ToArray();
        }

        public ScopeTable[] Scopes { get; }

        public Dictionary<ulong, Sum>[] Cells { get; }

        public decimal Source { get; set; }

        public int GroupId(string sub, string group)
        {
            if (!groups.TryGetValue((sub, group), out var id))
            {
                id = Scopes[2].Id(GroupScope(sub, group));
                groups[(sub, group)] = id;
            }

            return id;
        }

        public void Accumulate(int slot, int scope, uint day, CostRecord r)
        {
            ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(Cells[slot], ((ulong)(uint)scope << 32) | day, out _);
            cell.Billed += r.BilledCost;
            cell.Effective += r.EffectiveCost;
            cell.List += r.ListCost;
            cell.Rows++;
        }
    }

    private sealed class ScopeTable(StringComparer comparer)
    {
        private readonly Dictionary<string, int> ids = new(comparer);

        public List<string> Names { get; } = [];

        public int Id(string name)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, name, out var exists);
            if (!exists)
            {
                id = Names.Count;
                Names.Add(name);
            }

            return id;
        }
    }

    private sealed class GroupComparer : IEqualityComparer<(string Sub, string Group)>
    {
        public static readonly GroupComparer Instance = new();

        public bool Equals((string Sub, string Group) x, (string Sub, string Group) y) =>
            string.Equals(x.Sub, y.Sub, StringComparison.Ordinal) && string.Equals(x.Group, y.Group, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Sub, string Group) obj) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.Sub), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Group));
    }

    // ulong's own hash is hi ^ lo, which collides badly for (scope id, day number); Fibonacci hashing mixes both halves.
    private sealed class CellKeyComparer : IEqualityComparer<ulong>
    {
        public static readonly CellKeyComparer Instance = new();

        public bool Equals(ulong x, ulong y) => x == y;

        public int GetHashCode(ulong obj) => (int)((obj * 0x9E3779B97F4A7C15UL) >> 32);
    }

    private struct Sum
    {
        public decimal Billed;
        public decimal Effective;
        public decimal List;
        public long Rows;

        public void Add(Sum other)
        {
            Billed += other.Billed;
            Effective += other.Effective;
            List += other.List;
            Rows += other.Rows;
        }
    }
}
