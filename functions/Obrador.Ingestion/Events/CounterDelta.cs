using System.Runtime.CompilerServices;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>
/// The delta log of the live counters (see <see cref="StreamingCounters"/>): its binary form, written one entry per
/// counted event by <see cref="Writer"/>, and the merged effect of many delta rows, one entry per counter, as the fold
/// decodes them.
/// </summary>
/// <remarks>
/// <para>Encoding (little-endian, version 1): <c>0x01</c>, then entries until the end: kind byte (bit 7 set when the
/// partition key changes, followed by <c>pk</c>), <c>rk</c>, values; strings are 7-bit length-prefixed UTF-8
/// (<see cref="BinaryWriter.Write(string)"/>), and the first entry of a row always carries its partition key. Kind 1
/// (trending): count (7-bit int64), units (float64). Kind 2 (inventory): flags (bit 0: has snapshot), [snapshot UTC
/// ticks (int64), snapshot on hand (float64)], sold after snapshot (float64), sold undated (float64). A row holds at
/// most <see cref="CounterBytes.RowCapacity"/> bytes in <see cref="CounterBytes"/> slices.</para>
/// <para>A key may appear in many entries of a row. Entries merge as they are decoded, in log order: trending counts and
/// units add up, inventory deltas compose by <see cref="InventoryDelta.Then"/>. A fold therefore holds one entry per
/// touched counter however many batches it covers, and decoding allocates a key string only the first time it meets
/// the key.</para>
/// </remarks>
internal sealed partial class CounterDelta
{
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

    /// <summary>
    /// Applies the merged entries of partition <paramref name="partitionKey"/> to its counters: each entry's counter is
    /// found in the shard that <paramref name="shard"/> returns for <see cref="CounterShard.Of"/>(id) (created when new),
    /// changed in place and stamped <c>UpdatedAt</c> = <paramref name="now"/>.
    /// </summary>
    /// <returns>Counters changed; 0 when the partition was not touched.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Walk
    public int Apply(string partitionKey, Func<int, CounterShard> shard, DateTimeOffset now)
    {
        if (!_partitions.TryGetValue(partitionKey, out var entries))
        {
            return 0;
        }

        foreach (var (id, e) in entries)
        {
            ref var counter = ref shard(CounterShard.Of(id)).Slot(id, out var exists);
            if (e.Inventory is { } inventory)
            {
                var (onHand, at) = inventory.Fold(exists ? counter.OnHand : 0, exists ? counter.SnapshotAt : null);
                counter = new Counter(true, 0, 0, onHand, at, now);
            }
            else
            {
                counter = new Counter(false, counter.Count + e.Count, counter.Units + e.Units, 0, null, now);
            }
        }

        return entries.Count;
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
