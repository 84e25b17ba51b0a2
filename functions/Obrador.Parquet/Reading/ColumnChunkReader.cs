using Obrador.Parquet.Encodings;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Reading;

/// <summary>Opens a column chunk with the value reader for its physical type and the conversion to the field's CLR type.</summary>
internal static class ColumnChunkReader
{
    /// <param name="chunk">The chunk's bytes, kept by the cursor until it is disposed.</param>
    /// <param name="rows">Rows in the row group.</param>
    /// <param name="utf8">A STRING column is returned as its UTF-8 bytes (<c>byte[]</c>), not decoded to strings.</param>
    /// <exception cref="ParquetException">Unsupported physical type.</exception>
    public static IColumnCursor Open(LeafDescriptor leaf, ColumnMetaData meta, ReadOnlyMemory<byte> chunk, long chunkOffset, int rows, bool utf8 = false)
    {
        var field = leaf.Field;
        switch (leaf.Physical)
        {
            case PhysicalType.Boolean:
                return Cursor(leaf, meta, chunk, chunkOffset, rows, BooleanValueReader.Instance, null);
            case PhysicalType.Int32:
                return Cursor(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<int>.Instance, field.Type == ParquetType.Int32 ? null : (l, v, c, n) => ValueConversions.FromInt32(l, v, c, n, chunkOffset));
            case PhysicalType.Int64:
                return Cursor(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<long>.Instance, field.Type == ParquetType.Int64 ? null : (l, v, c, n) => ValueConversions.FromInt64(l, v, c, n, chunkOffset));
            case PhysicalType.Int96:
                return Cursor(leaf, meta, chunk, chunkOffset, rows, Int96ValueReader.Instance, (l, v, c, n) => ValueConversions.FromTicks(l, v, c, n, chunkOffset));
            case PhysicalType.Float:
                return Cursor(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<float>.Instance, null);
            case PhysicalType.Double:
                return Cursor(leaf, meta, chunk, chunkOffset, rows, FixedWidthValueReader<double>.Instance, null);
            case PhysicalType.ByteArray when field.Type == ParquetType.String && !utf8:
                return Cursor(leaf, meta, chunk, chunkOffset, rows, ByteArrayValueReader<string?, Utf8StringFactory>.Instance, null);
            case PhysicalType.ByteArray:
            case PhysicalType.FixedLenByteArray:
                IValueReader<byte[]?> reader = leaf.Physical == PhysicalType.ByteArray
                    ? ByteArrayValueReader<byte[]?, BinaryFactory>.Instance
                    : new FixedLenValueReader(leaf.TypeLength);
                return Cursor(leaf, meta, chunk, chunkOffset, rows, reader, field.Type == ParquetType.Decimal ? (l, v, c, n) => ValueConversions.FromBytes(l, v, c, n, chunkOffset) : null);
            default:
                throw new ParquetException($"unsupported physical type {leaf.Physical}", chunkOffset, field.Name);
        }
    }

    private static ColumnCursor<T> Cursor<T>(LeafDescriptor leaf, ColumnMetaData meta, ReadOnlyMemory<byte> chunk, long chunkOffset, int rows, IValueReader<T> reader, Func<LeafDescriptor, T[], int, bool[]?, Array>? convert) =>
        new(leaf, new ColumnChunkDecoder<T>(leaf, meta.Codec, reader, chunk, chunkOffset, rows), chunkOffset, convert);
}
