using System.Buffers.Binary;
using System.Text;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Reading;

/// <summary>
/// Turns footer statistics into <see cref="ParquetColumnStatistics"/>. Prefers min_value/max_value; falls back to the
/// deprecated min/max only where their signed order equals the type order (signed integers, floats, booleans).
/// NaN bounds are dropped (parquet.thrift <c>ColumnOrder</c> notes). Undecodable bounds are dropped, never thrown.
/// </summary>
internal static class StatisticsDecoder
{
    public static ParquetColumnStatistics Decode(LeafDescriptor leaf, ColumnMetaData meta)
    {
        var s = meta.Statistics;
        object? min = null;
        object? max = null;
        if (s is not null)
        {
            var legacyOk = leaf.Physical is PhysicalType.Boolean or PhysicalType.Float or PhysicalType.Double
                || (leaf.Physical is PhysicalType.Int32 or PhysicalType.Int64 && !leaf.Unsigned);
            var minBytes = s.MinValue ?? (legacyOk ? s.Min : null);
            var maxBytes = s.MaxValue ?? (legacyOk ? s.Max : null);
            min = minBytes is null ? null : ToValue(leaf, minBytes);
            max = maxBytes is null ? null : ToValue(leaf, maxBytes);
            if (min is null || max is null)
            {
                min = null;
                max = null;
            }
        }

        return new ParquetColumnStatistics
        {
            Column = leaf.Field.Name,
            NullCount = s?.NullCount,
            DistinctCount = s?.DistinctCount,
            Min = min,
            Max = max,
            Codec = CodecName(meta.Codec),
            CompressedSize = meta.TotalCompressedSize,
            UncompressedSize = meta.TotalUncompressedSize,
            Encodings = meta.Encodings.Select(EncodingName).ToArray(),
        };
    }

    public static string CodecName(CompressionCodec c) => c switch
    {
        CompressionCodec.Uncompressed => "UNCOMPRESSED",
        CompressionCodec.Lz4Raw => "LZ4_RAW",
        _ => c.ToString().ToUpperInvariant(),
    };

    public static string EncodingName(PageEncoding e) => e switch
    {
        PageEncoding.PlainDictionary => "PLAIN_DICTIONARY",
        PageEncoding.RleDictionary => "RLE_DICTIONARY",
        PageEncoding.BitPacked => "BIT_PACKED",
        PageEncoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        PageEncoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        PageEncoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        PageEncoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        _ => e.ToString().ToUpperInvariant(),
    };

    private static object? ToValue(LeafDescriptor leaf, byte[] b)
    {
        var f = leaf.Field;
        try
        {
            switch (leaf.Physical)
            {
                case PhysicalType.Boolean when b.Length >= 1:
                    return b[0] != 0;
                case PhysicalType.Int32 when b.Length >= 4:
                    {
                        var v = BinaryPrimitives.ReadInt32LittleEndian(b);
                        return f.Type switch
                        {
                            ParquetType.Int8 => (sbyte)v,
                            ParquetType.Int16 => leaf.Unsigned ? (short)(byte)v : (short)v,
                            ParquetType.Int64 => (long)(uint)v,
                            ParquetType.Date => TimeConverter.FromDays(v, f.Name, 0),
                            ParquetType.Decimal => DecimalConverter.FromUnscaled(v, f.Scale),
                            _ => v,
                        };
                    }

                case PhysicalType.Int64 when b.Length >= 8:
                    {
                        var v = BinaryPrimitives.ReadInt64LittleEndian(b);
                        return f.Type switch
                        {
                            ParquetType.Decimal => DecimalConverter.FromUnscaled(v, f.Scale),
                            ParquetType.TimestampMillis or ParquetType.TimestampMicros =>
                                ValueConversions.FromInt64(leaf, [v], 1, null, 0).GetValue(0),
                            _ => v,
                        };
                    }

                case PhysicalType.Float when b.Length >= 4:
                    {
                        var v = BinaryPrimitives.ReadSingleLittleEndian(b);
                        return float.IsNaN(v) ? null : v;
                    }

                case PhysicalType.Double when b.Length >= 8:
                    {
                        var v = BinaryPrimitives.ReadDoubleLittleEndian(b);
                        return double.IsNaN(v) ? null : v;
                    }

                case PhysicalType.ByteArray or PhysicalType.FixedLenByteArray:
                    return f.Type switch
                    {
                        ParquetType.String => Encoding.UTF8.GetString(b),
                        ParquetType.Decimal => DecimalConverter.FromUnscaled(DecimalConverter.ReadBigEndian(b, f.Name, 0), f.Scale, f.Name, 0),
                        _ => b,
                    };
                default:
                    return null;
            }
        }
        catch (ParquetException)
        {
            return null;
        }
    }
}
