using Obrador.Parquet.Encodings;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Reading;

/// <summary>Decodes a column chunk for its physical type and converts the values to the field's CLR type.</summary>
internal static class ColumnChunkReader
{
    public static ParquetColumn Read(LeafDescriptor leaf, ColumnMetaData meta, ReadOnlySpan<byte> chunk, long chunkOffset, int rows)
    {
        var field = leaf.Field;
        try
        {
            switch (leaf.Physical)
            {
                case PhysicalType.Boolean:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, BooleanValueReader.Instance, static (_, v, _) => v);
                case PhysicalType.Int32:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<int>.Instance, (l, v, n) => ValueConversions.FromInt32(l, v, n, chunkOffset));
                case PhysicalType.Int64:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<long>.Instance, (l, v, n) => ValueConversions.FromInt64(l, v, n, chunkOffset));
                case PhysicalType.Int96:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, Int96ValueReader.Instance, (l, v, n) => ValueConversions.FromTicks(l, v, n, chunkOffset));
                case PhysicalType.Float:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<float>.Instance, static (_, v, _) => v);
                case PhysicalType.Double:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<double>.Instance, static (_, v, _) => v);
                case PhysicalType.ByteArray when field.Type == ParquetType.String:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, ByteArrayValueReader<string?, Utf8StringFactory>.Instance, static (_, v, _) => v);
                case PhysicalType.ByteArray:
                case PhysicalType.FixedLenByteArray:
                    IValueReader<byte[]?> reader = leaf.Physical == PhysicalType.ByteArray
                        ? ByteArrayValueReader<byte[]?, BinaryFactory>.Instance
                        : new FixedLenValueReader(leaf.TypeLength);
                    return Decode(leaf, meta, chunk, chunkOffset, rows, reader, (l, v, n) => field.Type == ParquetType.Decimal ? ValueConversions.FromBytes(l, v, n, chunkOffset) : v);
                default:
                    throw new ParquetException($"unsupported physical type {leaf.Physical}", chunkOffset, field.Name);
            }
        }
        catch (ParquetException ex)
        {
            throw ex.WithColumn(field.Name);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or OverflowException or InvalidCastException or InvalidOperationException)
        {
            // Defence in depth: any slip in a bounds check on hostile input still surfaces as a format error.
            throw new ParquetException($"corrupt column chunk: {ex.Message}", chunkOffset, field.Name, null, ex);
        }
    }

    private static ParquetColumn Decode<T>(LeafDescriptor leaf, ColumnMetaData meta, ReadOnlySpan<byte> chunk, long chunkOffset, int rows, IValueReader<T> reader, Func<LeafDescriptor, T[], bool[]?, Array> convert)
    {
        var decoder = new ColumnChunkDecoder<T>(leaf, meta.Codec, reader, rows);
        var values = decoder.Decode(chunk, chunkOffset);
        return new ParquetColumn(leaf.Field, convert(leaf, values, decoder.Nulls), decoder.Nulls);
    }
}
