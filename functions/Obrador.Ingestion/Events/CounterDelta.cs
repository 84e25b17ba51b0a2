using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>
/// One batch's effect on the counter rows, keyed by (partition key, row key) in first-touch order, and its binary form
/// in the delta log (see <see cref="StreamingCounters"/>).
/// </summary>
/// <remarks>
/// Encoding (little-endian, version 1): <c>0x01</c>, then entries until the end: kind byte (bit 7 set when the
/// partition key changes, followed by <c>pk</c>), <c>rk</c>, values; strings are 7-bit length-prefixed UTF-8
/// (<see cref="BinaryWriter.Write(string)"/>), and the first entry of a row always carries its partition key. Kind 1
/// (trending): count (7-bit int64), units (float64). Kind 2 (inventory): flags (bit 0: has snapshot), [snapshot UTC
/// ticks (int64), snapshot on hand (float64)], sold after snapshot (float64), sold undated (float64). A row holds at
/// most <see cref="RowCapacity"/> bytes split over properties <c>D0</c>, <c>D1</c>, … of at most 64 KiB each, the
/// Table service's limit for a binary property (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#property-types).
/// </remarks>
internal sealed class CounterDelta
{
    /// <summary>Largest binary property the Table service stores (64 KiB).</summary>
    internal const int SliceBytes = 64 * 1024;

    /// <summary>Bytes per delta row: 14 slices, so the entity stays under the service's 1 MiB.</summary>
    internal const int RowCapacity = 14 * SliceBytes;

    private const byte Version = 1;
    private const byte TrendingKind = 1;
    private const byte InventoryKind = 2;
    private const byte NewPartition = 0x80;

    private readonly Dictionary<(string Pk, string Rk), int> _index = [];
    private readonly List<(string Pk, string Rk, long Count, double Units, InventoryDelta? Inventory)> _entries = [];

    /// <summary>Number of entries: the distinct rows touched when built by the <c>Add…</c> methods, every decoded entry after <see cref="AddRow"/>.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds one trending increment.</summary>
    public void AddTrending(string pk, string rk, long count, double units)
    {
        var i = Slot(pk, rk);
        var e = _entries[i];
        _entries[i] = e with { Count = e.Count + count, Units = e.Units + units };
    }

    /// <summary>Adds a till sale of <paramref name="units"/> at <paramref name="at"/> to the row's inventory delta.</summary>
    public void AddSale(string pk, string rk, DateTimeOffset at, double units)
    {
        var i = Slot(pk, rk);
        _entries[i] = _entries[i] with { Inventory = (_entries[i].Inventory ?? default).WithSale(at, units) };
    }

    /// <summary>Adds a stock count of <paramref name="onHand"/> at <paramref name="at"/> to the row's inventory delta.</summary>
    public void AddSnapshot(string pk, string rk, DateTimeOffset at, double onHand)
    {
        var i = Slot(pk, rk);
        _entries[i] = _entries[i] with { Inventory = (_entries[i].Inventory ?? default).WithSnapshot(at, onHand) };
    }

    /// <summary>
    /// Applies the entries in order onto <paramref name="rows"/> (the current rows of the touched keys; absent = none
    /// yet), replacing each touched key's row with its new value stamped <c>UpdatedAt</c> = <paramref name="now"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ApplyTo(Dictionary<(string Pk, string Rk), TableEntity> rows, DateTimeOffset now)
    {
        var states = new Dictionary<(string, string), RowState>(_entries.Count);
        foreach (var (pk, rk, count, units, inventory) in _entries)
        {
            ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(states, (pk, rk), out var seen);
            if (!seen)
            {
                var current = rows.GetValueOrDefault((pk, rk));
                state = new RowState(current?.GetInt64("Count") ?? 0, current?.GetDouble("Units") ?? 0,
                    current?.GetDouble("OnHand") ?? 0, current?.GetDateTimeOffset("SnapshotAt"), inventory is not null);
            }

            if (inventory is { } delta)
            {
                (state.OnHand, state.SnapshotAt) = delta.Fold(state.OnHand, state.SnapshotAt);
            }
            else
            {
                state.Count += count;
                state.Units += units;
            }
        }

        foreach (var ((pk, rk), state) in states)
        {
            rows[(pk, rk)] = state.Inventory
                ? new TableEntity(pk, rk) { ["OnHand"] = state.OnHand, ["SnapshotAt"] = state.SnapshotAt, ["UpdatedAt"] = now }
                : new TableEntity(pk, rk) { ["Count"] = state.Count, ["Units"] = state.Units, ["UpdatedAt"] = now };
        }
    }

    /// <summary>The touched (partition key, row key) pairs.</summary>
    public IEnumerable<(string Pk, string Rk)> Keys => _entries.Select(e => (e.Pk, e.Rk));

    /// <summary>Encodes the delta as delta-log rows under <paramref name="partitionKey"/>, row keys <c>{rowKeyPrefix}|{chunk:D3}</c>.</summary>
    public List<TableEntity> ToRows(string partitionKey, string rowKeyPrefix, DateTimeOffset now)
    {
        var rows = new List<TableEntity>();
        using var buffer = new MemoryStream();
        var w = new BinaryWriter(buffer);
        w.Write(Version);
        string? pk = null;
        for (var i = 0; i < _entries.Count; i++)
        {
            WriteEntry(w, _entries[i], pk);
            pk = _entries[i].Pk;
            if (buffer.Length > RowCapacity - (8 * 1024) || i == _entries.Count - 1)
            {
                // Keys are at most 1 KiB each (the service's limit), so an entry never crosses the capacity.
                w.Flush();
                rows.Add(Row(partitionKey, $"{rowKeyPrefix}|{rows.Count:D3}", buffer.ToArray(), now));
                buffer.SetLength(0);
                w.Write(Version);
                pk = null;
            }
        }

        return rows;
    }

    /// <summary>Decodes a delta-log row written by <see cref="ToRows"/> and appends its entries to this delta, all or none.</summary>
    /// <exception cref="InvalidDataException">The row is not a complete version-1 delta (nothing is appended).</exception>
    public void AddRow(TableEntity row)
    {
        var start = _entries.Count;
        try
        {
            Decode(row);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException)
        {
            _entries.RemoveRange(start, _entries.Count - start);
            throw e as InvalidDataException ?? new InvalidDataException($"Counter delta row {row.RowKey} is truncated or malformed: {e.Message}", e);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Decode(TableEntity row)
    {
        var slices = new List<byte[]>();
        for (var i = 0; row.GetBinary("D" + i) is { } slice; i++)
        {
            slices.Add(slice);
        }

        var bytes = new byte[slices.Sum(s => s.Length)];
        var offset = 0;
        foreach (var slice in slices)
        {
            slice.CopyTo(bytes, offset);
            offset += slice.Length;
        }

        using var stream = new MemoryStream(bytes, writable: false);
        using var r = new BinaryReader(stream);
        if (stream.Length == 0 || r.ReadByte() != Version)
        {
            throw new InvalidDataException($"Counter delta row {row.RowKey} is not a version-{Version} delta.");
        }

        string? pk = null;
        while (stream.Position < stream.Length)
        {
            var kind = r.ReadByte();
            if ((kind & NewPartition) != 0)
            {
                pk = r.ReadString();
                kind &= unchecked((byte)~NewPartition);
            }

            if (pk is null)
            {
                throw new InvalidDataException($"Counter delta row {row.RowKey}: an entry has no partition key.");
            }

            var rk = r.ReadString();
            if (kind == TrendingKind)
            {
                // Appended, not merged: entries apply in log order, and inventory changes do not commute.
                _entries.Add((pk, rk, r.Read7BitEncodedInt64(), r.ReadDouble(), null));
            }
            else if (kind == InventoryKind)
            {
                var hasSnapshot = (r.ReadByte() & 1) == 1;
                DateTimeOffset? at = hasSnapshot ? new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero) : null;
                var onHand = hasSnapshot ? r.ReadDouble() : 0;
                _entries.Add((pk, rk, 0, 0, new InventoryDelta(at, onHand, r.ReadDouble(), r.ReadDouble())));
            }
            else
            {
                throw new InvalidDataException($"Counter delta row {row.RowKey}: unknown entry kind {kind}.");
            }
        }
    }

    private int Slot(string pk, string rk)
    {
        if (!_index.TryGetValue((pk, rk), out var i))
        {
            i = _entries.Count;
            _index[(pk, rk)] = i;
            _entries.Add((pk, rk, 0, 0, null));
        }

        return i;
    }

    private static void WriteEntry(BinaryWriter w, (string Pk, string Rk, long Count, double Units, InventoryDelta? Inventory) e, string? previousPk)
    {
        var kind = e.Inventory is null ? TrendingKind : InventoryKind;
        if (e.Pk != previousPk)
        {
            w.Write((byte)(kind | NewPartition));
            w.Write(e.Pk);
        }
        else
        {
            w.Write(kind);
        }

        w.Write(e.Rk);
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

    private record struct RowState(long Count, double Units, double OnHand, DateTimeOffset? SnapshotAt, bool Inventory);
}
