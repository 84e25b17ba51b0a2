using System.Runtime.InteropServices;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>
/// The merged effect of one or more batches on the counter rows: one entry per (partition key, row key), in first-touch
/// order, and its binary form in the delta log (see <see cref="StreamingCounters"/>).
/// </summary>
/// <remarks>
/// <para>Encoding (little-endian, version 1): <c>0x01</c>, then entries until the end: kind byte (bit 7 set when the
/// partition key changes, followed by <c>pk</c>), <c>rk</c>, values; strings are 7-bit length-prefixed UTF-8
/// (<see cref="BinaryWriter.Write(string)"/>), and the first entry of a row always carries its partition key. Kind 1
/// (trending): count (7-bit int64), units (float64). Kind 2 (inventory): flags (bit 0: has snapshot), [snapshot UTC
/// ticks (int64), snapshot on hand (float64)], sold after snapshot (float64), sold undated (float64). A row holds at
/// most <see cref="RowCapacity"/> bytes split over properties <c>D0</c>, <c>D1</c>, … of at most 64 KiB each, the
/// Table service's limit for a binary property (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#property-types).</para>
/// <para>Entries merge as they are added, in log order: trending counts and units add up, inventory deltas compose by
/// <see cref="InventoryDelta.Then"/>. A fold therefore holds one entry per touched row however many batches it
/// covers, and decoding allocates a key string only the first time it meets the key.</para>
/// </remarks>
internal sealed partial class CounterDelta
{
    /// <summary>Largest binary property the Table service stores (64 KiB).</summary>
    internal const int SliceBytes = 64 * 1024;

    /// <summary>Bytes per delta row: 14 slices, so the entity stays under the service's 1 MiB.</summary>
    internal const int RowCapacity = 14 * SliceBytes;

    private const byte Version = 1;
    private const byte TrendingKind = 1;
    private const byte InventoryKind = 2;
    private const byte NewPartition = 0x80;

    private readonly Dictionary<string, Dictionary<string, Entry>> _partitions = new(StringComparer.Ordinal);

    /// <summary>Number of distinct (partition key, row key) pairs touched.</summary>
    public int Count { get; private set; }

    /// <summary>The touched partition keys, each with its touched row keys.</summary>
    public IEnumerable<(string PartitionKey, IReadOnlyCollection<string> RowKeys)> Partitions =>
        _partitions.Select(p => (p.Key, (IReadOnlyCollection<string>)p.Value.Keys));

    /// <summary>Adds one trending increment.</summary>
    public void AddTrending(string pk, string rk, long count, double units)
    {
        ref var e = ref Slot(pk, rk);
        e = e with { Count = e.Count + count, Units = e.Units + units };
    }

    /// <summary>Adds a till sale of <paramref name="units"/> at <paramref name="at"/> to the row's inventory delta.</summary>
    public void AddSale(string pk, string rk, DateTimeOffset at, double units)
    {
        ref var e = ref Slot(pk, rk);
        e = e with { Inventory = (e.Inventory ?? default).WithSale(at, units) };
    }

    /// <summary>Adds a stock count of <paramref name="onHand"/> at <paramref name="at"/> to the row's inventory delta.</summary>
    public void AddSnapshot(string pk, string rk, DateTimeOffset at, double onHand)
    {
        ref var e = ref Slot(pk, rk);
        e = e with { Inventory = (e.Inventory ?? default).WithSnapshot(at, onHand) };
    }

    /// <summary>
    /// The new rows of partition <paramref name="partitionKey"/>: each touched row's stored value
    /// (<paramref name="current"/> of its row key; null = none yet) with the merged entry applied, stamped
    /// <c>UpdatedAt</c> = <paramref name="now"/>. Empty when the partition was not touched.
    /// </summary>
    public List<TableEntity> Apply(string partitionKey, Func<string, TableEntity?> current, DateTimeOffset now)
    {
        if (!_partitions.TryGetValue(partitionKey, out var entries))
        {
            return [];
        }

        var rows = new List<TableEntity>(entries.Count);
        foreach (var (rk, e) in entries)
        {
            var stored = current(rk);
            if (e.Inventory is { } inventory)
            {
                var (onHand, at) = inventory.Fold(stored?.GetDouble("OnHand") ?? 0, stored?.GetDateTimeOffset("SnapshotAt"));
                rows.Add(new TableEntity(partitionKey, rk) { ["OnHand"] = onHand, ["SnapshotAt"] = at, ["UpdatedAt"] = now });
            }
            else
            {
                rows.Add(new TableEntity(partitionKey, rk)
                {
                    ["Count"] = (stored?.GetInt64("Count") ?? 0) + e.Count,
                    ["Units"] = (stored?.GetDouble("Units") ?? 0) + e.Units,
                    ["UpdatedAt"] = now,
                });
            }
        }

        return rows;
    }

    /// <summary>Encodes the delta as delta-log rows under <paramref name="partitionKey"/>, row keys <c>{rowKeyPrefix}|{chunk:D3}</c>.</summary>
    public List<TableEntity> ToRows(string partitionKey, string rowKeyPrefix, DateTimeOffset now)
    {
        var rows = new List<TableEntity>();
        using var buffer = new MemoryStream();
        var w = new BinaryWriter(buffer);
        w.Write(Version);
        var written = 0;
        foreach (var (pk, entries) in _partitions)
        {
            var first = true;
            foreach (var (rk, e) in entries)
            {
                WriteEntry(w, pk, rk, e, first);
                first = false;
                written++;
                if (buffer.Length > RowCapacity - (8 * 1024) || written == Count)
                {
                    // Keys are at most 1 KiB each (the service's limit), so an entry never crosses the capacity.
                    w.Flush();
                    rows.Add(Row(partitionKey, $"{rowKeyPrefix}|{rows.Count:D3}", buffer.ToArray(), now));
                    buffer.SetLength(0);
                    w.Write(Version);
                    first = true;
                }
            }
        }

        return rows;
    }

    private ref Entry Slot(string pk, string rk)
    {
        ref var partition = ref CollectionsMarshal.GetValueRefOrAddDefault(_partitions, pk, out _);
        partition ??= new Dictionary<string, Entry>(StringComparer.Ordinal);
        ref var e = ref CollectionsMarshal.GetValueRefOrAddDefault(partition, rk, out var exists);
        Count += exists ? 0 : 1;
        return ref e;
    }

    private static void WriteEntry(BinaryWriter w, string pk, string rk, Entry e, bool newPartition)
    {
        var kind = e.Inventory is null ? TrendingKind : InventoryKind;
        if (newPartition)
        {
            w.Write((byte)(kind | NewPartition));
            w.Write(pk);
        }
        else
        {
            w.Write(kind);
        }

        w.Write(rk);
        if (e.Inventory is not { } d)
        {
            w.Write7BitEncodedInt64(e.Count);
            w.Write(e.Units);
            return;
        }

        w.Write((byte)(d.SnapshotAt is null ? 0 : 1));
        if (d.SnapshotAt is { } at)
        {
            w.Write(at.UtcTicks);
            w.Write(d.SnapshotOnHand);
        }

        w.Write(d.SoldAfterSnapshot);
        w.Write(d.SoldUndated);
    }

    private static TableEntity Row(string pk, string rk, byte[] bytes, DateTimeOffset now)
    {
        var row = new TableEntity(pk, rk) { ["Bytes"] = bytes.Length, ["WrittenAt"] = now };
        for (var i = 0; i * SliceBytes < bytes.Length; i++)
        {
            row["D" + i] = bytes.AsSpan(i * SliceBytes, Math.Min(SliceBytes, bytes.Length - (i * SliceBytes))).ToArray();
        }

        return row;
    }

    /// <summary>One row's merged change: trending count and units, or an inventory delta.</summary>
    private readonly record struct Entry(long Count, double Units, InventoryDelta? Inventory)
    {
        /// <summary>This entry followed by <paramref name="next"/> (same row, later in the log).</summary>
        public Entry Then(Entry next) => next.Inventory is { } theirs
            ? this with { Inventory = Inventory is { } mine ? mine.Then(theirs) : theirs }
            : this with { Count = Count + next.Count, Units = Units + next.Units };
    }
}
