using System.Runtime.CompilerServices;
namespace Obrador.Parquet.Encodings;

/// <summary>
/// Reads DELTA_BINARY_PACKED (Encodings.md, "Delta Encoding (DELTA_BINARY_PACKED = 5)"): a header
/// (block size, miniblocks per block, total count, zigzag first value), then blocks of zigzag min delta, one bit
/// width per miniblock and bit-packed miniblocks. Arithmetic wraps as the spec requires.
/// </summary>
internal static class DeltaBinaryPackedDecoder
{
    private const int MaxBlockSize = 1 << 16;

    /// <summary>Decodes all values into <paramref name="dest"/> (which must hold at least the header's count); returns that count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> src, long offset, Span<long> dest, out int consumed)
    {
        var pos = 0;
        var blockSize = ReadVarint(src, ref pos, offset);
        var miniblocks = ReadVarint(src, ref pos, offset);
        var total = ReadVarint(src, ref pos, offset);
        var first = ZigZag(ReadVarint(src, ref pos, offset));
        if (blockSize == 0 || blockSize > MaxBlockSize || blockSize % 128 != 0 || miniblocks == 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 32 != 0)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED header invalid (block {blockSize}, miniblocks {miniblocks})", offset);
        }

        if (total > (ulong)dest.Length)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED holds {total} values, expected at most {dest.Length}", offset);
        }

        var count = (int)total;
        var perMini = (int)(blockSize / miniblocks);
        Span<byte> widths = stackalloc byte[(int)miniblocks];
        if (count > 0)
        {
            dest[0] = first;
        }

        var n = 1;
        var prev = first;
        while (n < count)
        {
            var minDelta = ZigZag(ReadVarint(src, ref pos, offset));
            if (pos + widths.Length > src.Length)
            {
                throw new ParquetException("DELTA_BINARY_PACKED block header truncated", offset + pos);
            }

            src.Slice(pos, widths.Length).CopyTo(widths);
            pos += widths.Length;
            for (var m = 0; m < widths.Length && n < count; m++)
            {
                int width = widths[m];
                if (width > 64)
                {
                    throw new ParquetException($"DELTA_BINARY_PACKED bit width {width} exceeds 64", offset + pos);
                }

                var bytes = perMini * width / 8;
                var take = Math.Min(perMini, count - n);
                var available = Math.Min(bytes, src.Length - pos);
                if (available < (((long)take * width) + 7) / 8)
                {
                    throw new ParquetException("DELTA_BINARY_PACKED miniblock runs past the end of the page", offset + pos);
                }

                var chunk = dest.Slice(n, take);
                BitPacking.Unpack64(src.Slice(pos, available), width, chunk, take);
                for (var i = 0; i < take; i++)
                {
                    prev = unchecked(prev + minDelta + chunk[i]);
                    chunk[i] = prev;
                }

                n += take;
                pos += available;
            }
        }

        consumed = pos;
        return count;
    }

    internal static ulong ReadVarint(ReadOnlySpan<byte> src, ref int pos, long offset)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (pos >= src.Length)
            {
                throw new ParquetException("varint runs past the end of the page", offset + pos);
            }

            var b = src[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ParquetException("varint longer than 10 bytes", offset + pos);
    }

    private static long ZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
}
