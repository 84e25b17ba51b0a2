using System.Runtime.CompilerServices;
using System.Buffers;
using System.Buffers.Binary;

namespace Obrador.Parquet.Encodings;

/// <summary>
/// Reads BYTE_ARRAY values in PLAIN (4-byte little-endian length + bytes), DELTA_LENGTH_BYTE_ARRAY (= 6: DELTA lengths
/// then concatenated data) and DELTA_BYTE_ARRAY (= 7: DELTA prefix lengths, then suffixes as DELTA_LENGTH_BYTE_ARRAY)
/// encodings (Encodings.md). Lengths past the page end raise <see cref="ParquetException"/>.
/// </summary>
internal static class ByteArrayDecoder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Plain<T, TFactory>(ReadOnlySpan<byte> src, Span<T> dest, long offset, TFactory factory)
        where TFactory : struct, IByteArrayFactory<T>
    {
        var pos = 0;
        for (var i = 0; i < dest.Length; i++)
        {
            if (pos + 4 > src.Length)
            {
                throw new ParquetException("BYTE_ARRAY length runs past the end of the page", offset + pos);
            }

            var len = BinaryPrimitives.ReadInt32LittleEndian(src[pos..]);
            pos += 4;
            if (len < 0 || len > src.Length - pos)
            {
                throw new ParquetException($"BYTE_ARRAY value of {len} bytes runs past the end of the page", offset + pos);
            }

            dest[i] = factory.Create(src.Slice(pos, len));
            pos += len;
        }

        return pos;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int DeltaLength<T, TFactory>(ReadOnlySpan<byte> src, Span<T> dest, long offset, TFactory factory)
        where TFactory : struct, IByteArrayFactory<T>
    {
        var lengths = ArrayPool<long>.Shared.Rent(Math.Max(dest.Length, 1));
        try
        {
            var n = DeltaBinaryPackedDecoder.Decode(src, offset, lengths.AsSpan(0, dest.Length), out var pos);
            if (n != dest.Length)
            {
                throw new ParquetException($"DELTA_LENGTH_BYTE_ARRAY holds {n} values, expected {dest.Length}", offset);
            }

            for (var i = 0; i < n; i++)
            {
                var len = lengths[i];
                if (len < 0 || len > src.Length - pos)
                {
                    throw new ParquetException($"DELTA_LENGTH_BYTE_ARRAY value of {len} bytes runs past the end of the page", offset + pos);
                }

                dest[i] = factory.Create(src.Slice(pos, (int)len));
                pos += (int)len;
            }

            return pos;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(lengths);
        }
    }

    public static void Delta<T, TFactory>(ReadOnlySpan<byte> src, Span<T> dest, long offset, TFactory factory)
        where TFactory : struct, IByteArrayFactory<T>
    {
        var n = dest.Length;
        var prefixes = ArrayPool<long>.Shared.Rent(Math.Max(n, 1));
        var suffixes = ArrayPool<byte[]?>.Shared.Rent(Math.Max(n, 1));
        try
        {
            var count = DeltaBinaryPackedDecoder.Decode(src, offset, prefixes.AsSpan(0, n), out var pos);
            if (count != n)
            {
                throw new ParquetException($"DELTA_BYTE_ARRAY holds {count} values, expected {n}", offset);
            }

            DeltaLength(src[pos..], suffixes.AsSpan(0, n), offset + pos, default(BinaryFactory));
            var previous = Array.Empty<byte>();
            byte[] buffer = [];
            for (var i = 0; i < n; i++)
            {
                var prefix = prefixes[i];
                var suffix = suffixes[i]!;
                if (prefix < 0 || prefix > previous.Length)
                {
                    throw new ParquetException($"DELTA_BYTE_ARRAY prefix {prefix} longer than the previous value", offset);
                }

                var len = (int)prefix + suffix.Length;
                if (buffer.Length < len)
                {
                    buffer = new byte[Math.Max(len, buffer.Length * 2)];
                }

                previous.AsSpan(0, (int)prefix).CopyTo(buffer);
                suffix.CopyTo(buffer.AsSpan((int)prefix));
                var value = buffer.AsSpan(0, len);
                dest[i] = factory.Create(value);
                previous = value.ToArray();
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(prefixes);
            ArrayPool<byte[]?>.Shared.Return(suffixes, clearArray: true);
        }
    }
}
