using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>Decoding of delta-log rows (format in <see cref="CounterDelta"/>).</summary>
internal sealed partial class CounterDelta
{
    private char[] _chars = new char[256];

    /// <summary>Decodes a delta-log row written by <see cref="Writer"/> and merges its entries into this delta, all or none.</summary>
    /// <exception cref="InvalidDataException">The row is not a complete version-1 delta (nothing is merged).</exception>
    public void AddRow(TableEntity row)
    {
        // A row of one slice (up to 64 KiB: every delta of a batch up to a few thousand events) is decoded in place.
        var bytes = CounterBytes.Load(row);

        // Validate the whole row first, so a malformed row merges nothing.
        Walk(bytes, row.RowKey, merge: false);
        Walk(bytes, row.RowKey, merge: true);
    }

    // A fold decodes hundreds of thousands of entries every few seconds: compiled fully optimised at once rather than
    // spending its first folds in tier-0 code (https://learn.microsoft.com/dotnet/core/runtime-config/compilation#tiered-compilation).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Walk(ReadOnlySpan<byte> bytes, string rowKey, bool merge)
    {
        var r = new CounterBytesReader(bytes, "Counter delta row " + rowKey);
        if (bytes.IsEmpty || r.Byte() != Version)
        {
            throw new InvalidDataException($"Counter delta row {rowKey} is not a version-{Version} delta.");
        }

        Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> partition = default;
        var hasPartition = false;
        while (!r.End)
        {
            var kind = r.Byte();
            if ((kind & NewPartition) != 0)
            {
                var pk = r.Text();
                partition = merge ? Partition(pk).GetAlternateLookup<ReadOnlySpan<char>>() : default;
                hasPartition = true;
                kind &= unchecked((byte)~NewPartition);
            }

            if (!hasPartition)
            {
                throw new InvalidDataException($"Counter delta row {rowKey}: an entry has no partition key.");
            }

            var rk = r.Text();
            Entry entry;
            if (kind == TrendingKind)
            {
                entry = new Entry(r.VarInt(), r.Double(), null);
            }
            else if (kind == InventoryKind)
            {
                var hasSnapshot = (r.Byte() & 1) == 1;
                DateTimeOffset? at = hasSnapshot ? new DateTimeOffset(r.Ticks(), TimeSpan.Zero) : null;
                var onHand = hasSnapshot ? r.Double() : 0;
                entry = new Entry(0, 0, new InventoryDelta(at, onHand, r.Double(), r.Double()));
            }
            else
            {
                throw new InvalidDataException($"Counter delta row {rowKey}: unknown entry kind {kind}.");
            }

            if (merge)
            {
                // Entries merge in log order: inventory deltas do not commute, Then keeps their order.
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(partition, Chars(rk), out var exists);
                Count += exists ? 0 : 1;
                slot = slot.Then(entry);
            }
        }
    }

    private Dictionary<string, Entry> Partition(ReadOnlySpan<byte> pk)
    {
        ref var partition = ref CollectionsMarshal.GetValueRefOrAddDefault(_partitions.GetAlternateLookup<ReadOnlySpan<char>>(), Chars(pk), out _);
        return partition ??= new Dictionary<string, Entry>(StringComparer.Ordinal);
    }

    /// <summary>The UTF-8 <paramref name="utf8"/> as characters in a reused buffer (invalid bytes become U+FFFD, as <see cref="BinaryReader.ReadString"/> does).</summary>
    private ReadOnlySpan<char> Chars(ReadOnlySpan<byte> utf8)
    {
        if (_chars.Length < utf8.Length)
        {
            _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
        }

        return _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
    }
}
