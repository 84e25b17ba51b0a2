using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Obrador.Parquet.Encodings;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Reading;

/// <summary>
/// INT32, INT64, FLOAT and DOUBLE values: PLAIN (little-endian), DELTA_BINARY_PACKED (integers) and
/// BYTE_STREAM_SPLIT (Encodings.md).
/// </summary>
internal sealed class FixedWidthValueReader<T> : IValueReader<T>
    where T : unmanaged
{
    public static readonly FixedWidthValueReader<T> Instance = new();

    public void Decode(PageEncoding encoding, ReadOnlySpan<byte> src, Span<T> dest, long offset)
    {
        var size = Unsafe.SizeOf<T>();
        switch (encoding)
        {
            case PageEncoding.Plain:
                var need = (long)dest.Length * size;
                if (need > src.Length)
                {
                    throw new ParquetException($"PLAIN page holds {src.Length} bytes, needs {need}", offset);
                }

                src[..(int)need].CopyTo(MemoryMarshal.AsBytes(dest));
                return;
            case PageEncoding.ByteStreamSplit:
                ByteStreamSplitDecoder.Decode(src, size, dest.Length, MemoryMarshal.AsBytes(dest), offset);
                return;
            case PageEncoding.DeltaBinaryPacked when typeof(T) == typeof(long):
                CheckCount(DeltaBinaryPackedDecoder.Decode(src, offset, MemoryMarshal.Cast<T, long>(dest), out _), dest.Length, offset);
                return;
            case PageEncoding.DeltaBinaryPacked when typeof(T) == typeof(int):
                {
                    var tmp = ArrayPool<long>.Shared.Rent(Math.Max(dest.Length, 1));
                    try
                    {
                        CheckCount(DeltaBinaryPackedDecoder.Decode(src, offset, tmp.AsSpan(0, dest.Length), out _), dest.Length, offset);
                        var ints = MemoryMarshal.Cast<T, int>(dest);
                        for (var i = 0; i < ints.Length; i++)
                        {
                            ints[i] = unchecked((int)tmp[i]);
                        }
                    }
                    finally
                    {
                        ArrayPool<long>.Shared.Return(tmp);
                    }

                    return;
                }

            default:
                throw new ParquetException($"unsupported encoding {encoding} for {typeof(T).Name} values", offset);
        }
    }

    private static void CheckCount(int got, int expected, long offset)
    {
        if (got != expected)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED holds {got} values, the page header says {expected}", offset);
        }
    }
}
