using Obrador.Parquet.Encodings;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Reading;

/// <summary>FIXED_LEN_BYTE_ARRAY values: PLAIN, BYTE_STREAM_SPLIT and DELTA_BYTE_ARRAY (Encodings.md).</summary>
internal sealed class FixedLenValueReader : IValueReader<byte[]?>
{
    private readonly int _length;

    public FixedLenValueReader(int length)
    {
        _length = length;
    }

    public void Decode(PageEncoding encoding, ReadOnlySpan<byte> src, Span<byte[]?> dest, long offset)
    {
        switch (encoding)
        {
            case PageEncoding.Plain:
                {
                    if ((long)_length * dest.Length > src.Length)
                    {
                        throw new ParquetException($"PLAIN FIXED_LEN_BYTE_ARRAY page holds {src.Length} bytes, needs {(long)_length * dest.Length}", offset);
                    }

                    for (var i = 0; i < dest.Length; i++)
                    {
                        dest[i] = src.Slice(i * _length, _length).ToArray();
                    }

                    return;
                }

            case PageEncoding.ByteStreamSplit:
                {
                    var all = new byte[(long)_length * dest.Length];
                    ByteStreamSplitDecoder.Decode(src, _length, dest.Length, all, offset);
                    for (var i = 0; i < dest.Length; i++)
                    {
                        dest[i] = all.AsSpan(i * _length, _length).ToArray();
                    }

                    return;
                }

            case PageEncoding.DeltaByteArray:
                ByteArrayDecoder.Delta(src, dest, offset, default(BinaryFactory));
                return;
            default:
                throw new ParquetException($"unsupported encoding {encoding} for FIXED_LEN_BYTE_ARRAY values", offset);
        }
    }
}
