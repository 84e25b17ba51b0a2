using System.Buffers.Binary;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>
/// Binary payloads of the counter rows (delta-log rows, <see cref="CounterDelta"/>; counter shards,
/// <see cref="CounterShard"/>): stored as properties <c>D0</c>, <c>D1</c>, … of at most 64 KiB each, the Table service's
/// limit for a binary property, with the total length in <c>Bytes</c>
/// (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#property-types).
/// </summary>
internal static class CounterBytes
{
    /// <summary>Largest binary property the Table service stores (64 KiB).</summary>
    public const int SliceBytes = 64 * 1024;

    /// <summary>Bytes per row: 14 slices, so the entity stays under the service's 1 MiB.</summary>
    public const int RowCapacity = 14 * SliceBytes;

    /// <summary>Payload bytes per entity-group batch: the service takes 4 MiB per batch request, and base64 grows binary by a third.</summary>
    public const int BatchCapacity = 2 * RowCapacity;

    /// <summary>
    /// <paramref name="operations"/> as entity-group batches: one partition key each, in order, at most 100 operations
    /// and, past the first, at most <see cref="BatchCapacity"/> bytes of payload (<c>Bytes</c>) each
    /// (https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions).
    /// </summary>
    public static List<IReadOnlyList<TableOperation>> Batches(IEnumerable<TableOperation> operations)
    {
        var batches = new List<IReadOnlyList<TableOperation>>();
        foreach (var group in operations.GroupBy(o => o.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var batch = new List<TableOperation>();
            var bytes = 0L;
            foreach (var operation in group)
            {
                var size = operation.Entity.GetInt64("Bytes") ?? 0;
                if (batch.Count == 100 || (batch.Count > 0 && bytes + size > BatchCapacity))
                {
                    batches.Add(batch);
                    (batch, bytes) = ([], 0);
                }

                batch.Add(operation);
                bytes += size;
            }

            batches.Add(batch);
        }

        return batches;
    }

    /// <summary>Stores <paramref name="bytes"/> (at most <see cref="RowCapacity"/>) in <paramref name="row"/>'s <c>Bytes</c> and <c>D0</c>… properties.</summary>
    public static TableEntity Store(TableEntity row, ReadOnlySpan<byte> bytes)
    {
        row["Bytes"] = bytes.Length;
        for (var i = 0; i * SliceBytes < bytes.Length; i++)
        {
            row["D" + i] = bytes.Slice(i * SliceBytes, Math.Min(SliceBytes, bytes.Length - (i * SliceBytes))).ToArray();
        }

        return row;
    }

    /// <summary>The bytes of <paramref name="row"/>'s <c>D0</c>, <c>D1</c>, … properties in order (a row of one slice is returned in place); empty when it has none.</summary>
    public static byte[] Load(TableEntity row)
    {
        if (row.GetBinary("D0") is not { } first)
        {
            return [];
        }

        if (row.GetBinary("D1") is null)
        {
            return first;
        }

        var slices = new List<byte[]> { first };
        for (var i = 1; row.GetBinary("D" + i) is { } slice; i++)
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

        return bytes;
    }
}

/// <summary>A bounds-checked cursor over a counter row's bytes; running past the end, or a value out of range, is an <see cref="InvalidDataException"/> naming the row.</summary>
internal ref struct CounterBytesReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly string _row;
    private int _position;

    /// <summary>Reads <paramref name="bytes"/>; <paramref name="row"/> names the row in errors (e.g. "Counter delta row 0|…|000").</summary>
    public CounterBytesReader(ReadOnlySpan<byte> bytes, string row)
    {
        _bytes = bytes;
        _row = row;
    }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _position >= _bytes.Length;

    /// <summary>One byte.</summary>
    public byte Byte() => Take(1)[0];

    /// <summary>A little-endian IEEE 754 double.</summary>
    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>A little-endian int64 of UTC ticks, within <see cref="DateTime"/>'s range.</summary>
    public long Ticks()
    {
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
        return ticks is >= 0 and <= 3_155_378_975_999_999_999 ? ticks : throw Malformed("a time is out of range");
    }

    /// <summary>A 7-bit encoded integer (<see cref="BinaryWriter.Write7BitEncodedInt64"/>).</summary>
    public long VarInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)value;
            }
        }

        throw Malformed("a 7-bit integer is longer than 10 bytes");
    }

    /// <summary>The UTF-8 bytes of a 7-bit length-prefixed string (<see cref="BinaryWriter.Write(string)"/>).</summary>
    public ReadOnlySpan<byte> Text()
    {
        var length = VarInt();
        return length is >= 0 and <= int.MaxValue ? Take((int)length) : throw Malformed("a string length is out of range");
    }

    /// <summary>An <see cref="InvalidDataException"/> naming the row, <paramref name="what"/> is wrong and the position.</summary>
    public readonly InvalidDataException Malformed(string what) => new($"{_row} is malformed: {what} (byte {_position}).");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _bytes.Length - _position)
        {
            throw new InvalidDataException($"{_row} is truncated at byte {_position}.");
        }

        var span = _bytes.Slice(_position, count);
        _position += count;
        return span;
    }
}
