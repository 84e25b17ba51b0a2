using System.Runtime.CompilerServices;
using Obrador.Parquet.Encodings;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Reading;

/// <summary>BOOLEAN values: PLAIN (bit-packed, LSB first) or RLE (4-byte length + hybrid, bit width 1) (Encodings.md).</summary>
internal sealed class BooleanValueReader : IValueReader<bool>
{
    public static readonly BooleanValueReader Instance = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Decode(PageEncoding encoding, ReadOnlySpan<byte> src, Span<bool> dest, long offset)
    {
        switch (encoding)
        {
            case PageEncoding.Plain:
                if ((dest.Length + 7) / 8 > src.Length)
                {
                    throw new ParquetException($"PLAIN BOOLEAN page holds {src.Length} bytes, needs {(dest.Length + 7) / 8}", offset);
                }

                for (var i = 0; i < dest.Length; i++)
                {
                    dest[i] = ((src[i >> 3] >> (i & 7)) & 1) != 0;
                }

                return;
            case PageEncoding.Rle:
                {
                    if (src.Length < 4)
                    {
                        throw new ParquetException("RLE BOOLEAN page lacks its length prefix", offset);
                    }

                    var len = BitConverter.ToInt32(src);
                    if (len < 0 || len > src.Length - 4)
                    {
                        throw new ParquetException($"RLE BOOLEAN length {len} runs past the end of the page", offset);
                    }

                    var ints = new int[dest.Length];
                    Span<int> scratch = stackalloc int[8];
                    var decoder = new RleBitPackedHybridDecoder(src.Slice(4, len), 1, offset + 4, scratch);
                    decoder.Read(ints);
                    for (var i = 0; i < dest.Length; i++)
                    {
                        dest[i] = ints[i] != 0;
                    }

                    return;
                }

            default:
                throw new ParquetException($"unsupported encoding {encoding} for BOOLEAN values", offset);
        }
    }
}
