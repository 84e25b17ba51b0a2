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
                    return Decode(leaf, meta, chunk, chunkOffset, rows, BooleanValueReader.Instance, null);
                case PhysicalType.Int32:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<int>.Instance, field.Type == ParquetType.Int32 ? null : (l, v, c, n) => ValueConversions.FromInt32(l, v, c, n, chunkOffset));
                case PhysicalType.Int64:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<long>.Instance, field.Type == ParquetType.Int64 ? null : (l, v, c, n) => ValueConversions.FromInt64(l, v, c, n, chunkOffset));
                case PhysicalType.Int96:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, Int96ValueReader.Instance, (l, v, c, n) => ValueConversions.FromTicks(l, v, c, n, chunkOffset));
                case PhysicalType.Float:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<float>.Instance, null);
                case PhysicalType.Double:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<double>.Instance, null);
                case PhysicalType.ByteArray when field.Type == ParquetType.String:
                    return Decode(leaf, meta, chunk, chunkOffset, rows, ByteArrayValueReader<string?, Utf8StringFactory>.Instance, null);
                case PhysicalType.ByteArray:
                case PhysicalType.FixedLenByteArray:
                    IValueReader<byte[]?> reader = leaf.Physical == PhysicalType.ByteArray
                        ? ByteArrayValueReader<byte[]?, BinaryFactory>.Instance
                        : new FixedLenValueReader(leaf.TypeLength);
                    return Decode(leaf, meta, chunk, chunkOffset, rows, reader, field.Type == ParquetType.Decimal ? (l, v, c, n) => ValueConversions.FromBytes(l, v, c, n, chunkOffset) : null);
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

    /// <param name="convert">Physical-to-CLR conversion, or null when the physical array is already the CLR array.</param>
    private static ParquetColumn Decode<T>(LeafDescriptor leaf, ColumnMetaData meta, ReadOnlySpan<byte> chunk, long chunkOffset, int rows, IValueReader<T> reader, Func<LeafDescriptor, T[], int, bool[]?, Array>? convert)
    {
        // Physical arrays that are converted are rented, so only the final arrays are allocated.
        var decoder = new ColumnChunkDecoder<T>(leaf, meta.Codec, reader, rows, pooled: convert is not null);
        var values = decoder.Decode(chunk, chunkOffset);
        if (convert is null)
        {
            return new ParquetColumn(leaf.Field, values, decoder.Nulls);
        }

        try
        {
            return new ParquetColumn(leaf.Field, convert(leaf, values, rows, decoder.Nulls), decoder.Nulls);
        }
        finally
        {
            decoder.ReturnValues();
        }
    }
}
