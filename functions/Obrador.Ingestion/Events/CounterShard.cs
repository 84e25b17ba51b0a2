using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>One live counter: an item's trending count and units for a day, or a product's on-hand stock in a store.</summary>
/// <param name="IsInventory">True for an on-hand counter (<c>OnHand</c>, <c>SnapshotAt</c>), false for a trending one (<c>Count</c>, <c>Units</c>).</param>
/// <param name="Count">Trending: purchase basket lines and till sales counted, events.</param>
/// <param name="Units">Trending: units bought or sold.</param>
/// <param name="OnHand">Inventory: units, the last stock count minus the till sales after it.</param>
/// <param name="SnapshotAt">Inventory: time of the last stock count, or null when only sales have been seen.</param>
/// <param name="UpdatedAt">When a fold last changed the counter.</param>
internal readonly record struct Counter(bool IsInventory, long Count, double Units, double OnHand, DateTimeOffset? SnapshotAt, DateTimeOffset UpdatedAt);

/// <summary>
/// The counters of one shard of a counter partition key (<c>trending|{day}</c> or <c>inventory|{storeId}</c>): every id
/// of the partition whose hash falls in the shard, stored as one row (row key <c>s00</c>…<c>s31</c>) by
/// <see cref="CounterFolder"/> and read by <see cref="CounterReader"/>.
/// </summary>
/// <remarks>
/// <para>Why shards: a fold rewrites every counter it changes. With one row per counter, a fold over a 30-day spread of
/// sales rewrote ~122,000 rows (~10 µs of CPU each on SQLite, and 1,220 entity-group batches on Azure); with
/// <see cref="Shards"/> rows per partition key it rewrites at most 32 rows per touched day or store, each holding a few
/// hundred counters. A day's trending read is 32 rows instead of one per item.</para>
/// <para>Shard of an id: FNV-1a (32-bit; Fowler, Noll and Vo, https://datatracker.ietf.org/doc/html/draft-eastlake-fnv)
/// over its UTF-16 code units, modulo <see cref="Shards"/>: stable across processes and versions.</para>
/// <para>Encoding (little-endian, version 1), in <see cref="CounterBytes"/> slices: <c>0x01</c>, then per counter: id
/// (7-bit length-prefixed UTF-8, <see cref="BinaryWriter.Write(string)"/>), flags (bit 0: inventory, bit 1: has a
/// snapshot), then trending: count (7-bit int64), units (float64); inventory: [snapshot UTC ticks (int64)], on hand
/// (float64); both: updated UTC ticks (int64). The row also carries <c>Items</c> (counters), <c>UpdatedAt</c> and, once
/// the shard has been full, <c>Evicted</c>. A shard holds at most <see cref="CounterBytes.RowCapacity"/> bytes (~896 KiB,
/// about 30,000 counters with 10-character ids, so about 1,000,000 per partition key); past that it drops the least
/// counted (<see cref="ToRow"/>).</para>
/// </remarks>
internal sealed class CounterShard
{
    /// <summary>Shards per partition key.</summary>
    public const int Shards = 32;

    private const byte Version = 1;
    private const byte InventoryFlag = 1;
    private const byte SnapshotFlag = 2;

    private static readonly string[] RowKeys = [.. Enumerable.Range(0, Shards).Select(s => "s" + s.ToString("D2", CultureInfo.InvariantCulture))];

    private readonly Dictionary<string, Counter> _counters;

    /// <summary>An empty shard.</summary>
    public CounterShard()
        : this(new Dictionary<string, Counter>(StringComparer.Ordinal), 0)
    {
    }

    private CounterShard(Dictionary<string, Counter> counters, long evicted)
    {
        _counters = counters;
        Evicted = evicted;
    }

    /// <summary>Counters held.</summary>
    public int Count => _counters.Count;

    /// <summary>Counters dropped so far because the shard was full (see <see cref="ToRow"/>); stored as <c>Evicted</c>.</summary>
    public long Evicted { get; private set; }

    /// <summary>The counters by id.</summary>
    public IReadOnlyDictionary<string, Counter> Counters => _counters;

    /// <summary>The shard (0 to <see cref="Shards"/> − 1) of <paramref name="id"/>.</summary>
    public static int Of(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }

    /// <summary>Row key of shard <paramref name="shard"/>: <c>s00</c>…<c>s31</c>.</summary>
    public static string RowKey(int shard) => RowKeys[shard];

    /// <summary>True when <paramref name="row"/> is a shard row (row key <c>sNN</c> and a payload); false for any other row of a counter partition.</summary>
    public static bool IsShardRow(TableEntity row) =>
        row.RowKey is ['s', >= '0' and <= '9', >= '0' and <= '9'] && int.Parse(row.RowKey.AsSpan(1), CultureInfo.InvariantCulture) < Shards && row.GetBinary("D0") is not null;

    /// <summary>The counter of <paramref name="id"/>, to read or replace in place; <paramref name="exists"/> is false (and the counter default) when it is new.</summary>
    public ref Counter Slot(string id, out bool exists) => ref CollectionsMarshal.GetValueRefOrAddDefault(_counters, id, out exists);

    /// <summary>Decodes a shard row written by <see cref="ToRow"/>.</summary>
    /// <exception cref="InvalidDataException">The row is not a complete version-1 shard.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a fold runs every few seconds: optimised at once, not after 30 folds
    public static CounterShard Decode(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var bytes = CounterBytes.Load(row);
        var r = new CounterBytesReader(bytes, $"Counter shard {row.PartitionKey}/{row.RowKey}");
        if (bytes.Length == 0 || r.Byte() != Version)
        {
            throw new InvalidDataException($"Counter shard {row.PartitionKey}/{row.RowKey} is not a version-{Version} shard.");
        }

        var counters = new Dictionary<string, Counter>((int)Math.Clamp(row.GetInt64("Items") ?? 0, 0, bytes.Length / 12), StringComparer.Ordinal);
        while (!r.End)
        {
            var id = Encoding.UTF8.GetString(r.Text());
            var flags = r.Byte();
            Counter counter;
            if ((flags & InventoryFlag) == 0)
            {
                counter = new Counter(false, r.VarInt(), r.Double(), 0, null, Utc(r.Ticks()));
            }
            else
            {
                DateTimeOffset? snapshotAt = (flags & SnapshotFlag) != 0 ? Utc(r.Ticks()) : null;
                counter = new Counter(true, 0, 0, r.Double(), snapshotAt, Utc(r.Ticks()));
            }

            if (!counters.TryAdd(id, counter))
            {
                throw r.Malformed($"id '{id}' appears twice");
            }
        }

        return new CounterShard(counters, row.GetInt64("Evicted") ?? 0);
    }

    /// <summary>
    /// The shard as row <see cref="RowKey"/>(<paramref name="shard"/>) of <paramref name="partitionKey"/>, stamped
    /// <c>UpdatedAt</c> = <paramref name="now"/>. A shard whose encoding would pass <see cref="CounterBytes.RowCapacity"/>
    /// first drops the counters that matter least until it fits (trending: fewest events, then fewest units; inventory:
    /// longest unchanged) and adds them to <see cref="Evicted"/>: a day or store with far more ids than the shard holds
    /// (ids sent by a faulty producer, say) keeps its top counters and every fold still lands.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TableEntity ToRow(string partitionKey, int shard, DateTimeOffset now)
    {
        using var buffer = new MemoryStream(16 + (_counters.Count * 40));
        Encode(buffer);
        if (buffer.Length > CounterBytes.RowCapacity)
        {
            Evict(buffer.Length - CounterBytes.RowCapacity);
            buffer.SetLength(0);
            Encode(buffer);
        }

        var row = new TableEntity(partitionKey, RowKey(shard)) { ["Items"] = _counters.Count, ["UpdatedAt"] = now };
        if (Evicted > 0)
        {
            row["Evicted"] = Evicted;
        }

        return CounterBytes.Store(row, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private void Encode(MemoryStream buffer)
    {
        using var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true);
        w.Write(Version);
        foreach (var (id, c) in _counters)
        {
            w.Write(id);
            if (!c.IsInventory)
            {
                w.Write((byte)0);
                w.Write7BitEncodedInt64(c.Count);
                w.Write(c.Units);
            }
            else
            {
                w.Write((byte)(InventoryFlag | (c.SnapshotAt is null ? 0 : SnapshotFlag)));
                if (c.SnapshotAt is { } at)
                {
                    w.Write(at.UtcTicks);
                }

                w.Write(c.OnHand);
            }

            w.Write(c.UpdatedAt.UtcTicks);
        }
    }

    /// <summary>Drops the least significant counters until at least <paramref name="bytes"/> of encoding are freed.</summary>
    private void Evict(long bytes)
    {
        var order = _counters.OrderBy(c => c.Value.IsInventory ? 0 : c.Value.Count).ThenBy(c => c.Value.IsInventory ? 0 : c.Value.Units)
            .ThenBy(c => c.Value.UpdatedAt).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        foreach (var (id, counter) in order)
        {
            if (bytes <= 0)
            {
                break;
            }

            bytes -= EncodedSize(id, counter);
            _counters.Remove(id);
            Evicted++;
        }
    }

    /// <summary>Bytes of one counter in the encoding (see the remarks).</summary>
    private static int EncodedSize(string id, in Counter c)
    {
        var text = Encoding.UTF8.GetByteCount(id);
        var values = c.IsInventory ? 8 + (c.SnapshotAt is null ? 0 : 8) : VarIntSize((ulong)c.Count) + 8;
        return VarIntSize((ulong)text) + text + 1 + values + 8;
    }

    private static int VarIntSize(ulong value)
    {
        var n = 1;
        for (; value >= 0x80; value >>= 7)
        {
            n++;
        }

        return n;
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);
}
