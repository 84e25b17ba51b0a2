using Obrador.Parquet.Encodings;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Reading;

/// <summary>BYTE_ARRAY values: PLAIN, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (Encodings.md).</summary>
internal sealed class ByteArrayValueReader<T, TFactory> : IValueReader<T>
    where TFactory : struct, IByteArrayFactory<T>
{
    public static readonly ByteArrayValueReader<T, TFactory> Instance = new();

    public void Decode(PageEncoding encoding, ReadOnlySpan<byte> src, Span<T> dest, long offset)
    {
        switch (encoding)
        {
            case PageEncoding.Plain:
                ByteArrayDecoder.Plain(src, dest, offset, default(TFactory));
                return;
            case PageEncoding.DeltaLengthByteArray:
                ByteArrayDecoder.DeltaLength(src, dest, offset, default(TFactory));
                return;
            case PageEncoding.DeltaByteArray:
                ByteArrayDecoder.Delta(src, dest, offset, default(TFactory));
                return;
            default:
                throw new ParquetException($"unsupported encoding {encoding} for BYTE_ARRAY values", offset);
        }
    }
}
