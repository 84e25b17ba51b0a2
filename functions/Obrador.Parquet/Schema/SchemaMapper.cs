using Obrador.Parquet.Meta;

namespace Obrador.Parquet;

/// <summary>
/// Maps between <see cref="ParquetSchema"/> and the footer's flattened <c>SchemaElement</c> list (format README,
/// "Metadata"; LogicalTypes.md for annotations). Writes both LogicalType and the legacy ConvertedType.
/// </summary>
internal static class SchemaMapper
{
    public static List<SchemaElement> ToElements(ParquetSchema schema)
    {
        var list = new List<SchemaElement>(schema.Count + 1) { new() { Name = "schema", NumChildren = schema.Count } };
        foreach (var f in schema)
        {
            list.Add(ToElement(f));
        }

        return list;
    }

    public static SchemaElement ToElement(ParquetField f)
    {
        var e = new SchemaElement { Name = f.Name, Repetition = f.Nullable ? Repetition.Optional : Repetition.Required };
        switch (f.Type)
        {
            case ParquetType.Boolean: e.Type = PhysicalType.Boolean; break;
            case ParquetType.Int8: SetInt(e, 8); break;
            case ParquetType.Int16: SetInt(e, 16); break;
            case ParquetType.Int32: e.Type = PhysicalType.Int32; break;
            case ParquetType.Int64: e.Type = PhysicalType.Int64; break;
            case ParquetType.Float: e.Type = PhysicalType.Float; break;
            case ParquetType.Double: e.Type = PhysicalType.Double; break;
            case ParquetType.String:
                e.Type = PhysicalType.ByteArray;
                e.ConvertedType = ConvertedType.Utf8;
                e.LogicalType = new LogicalType { Kind = LogicalKind.String };
                break;
            case ParquetType.Binary: e.Type = PhysicalType.ByteArray; break;
            case ParquetType.FixedBinary:
                e.Type = PhysicalType.FixedLenByteArray;
                e.TypeLength = f.Length;
                break;
            case ParquetType.Date:
                e.Type = PhysicalType.Int32;
                e.ConvertedType = ConvertedType.Date;
                e.LogicalType = new LogicalType { Kind = LogicalKind.Date };
                break;
            case ParquetType.TimestampMillis:
            case ParquetType.TimestampMicros:
                var millis = f.Type == ParquetType.TimestampMillis;
                e.Type = PhysicalType.Int64;
                e.ConvertedType = millis ? ConvertedType.TimestampMillis : ConvertedType.TimestampMicros;
                e.LogicalType = new LogicalType { Kind = LogicalKind.Timestamp, IsAdjustedToUtc = true, Unit = millis ? TimeUnit.Millis : TimeUnit.Micros };
                break;
            case ParquetType.Decimal:
                if (f.Precision <= 18)
                {
                    e.Type = PhysicalType.Int64;
                }
                else
                {
                    e.Type = PhysicalType.FixedLenByteArray;
                    e.TypeLength = DecimalConverter.ByteLength(f.Precision);
                }

                e.ConvertedType = ConvertedType.Decimal;
                e.Precision = f.Precision;
                e.Scale = f.Scale;
                e.LogicalType = new LogicalType { Kind = LogicalKind.Decimal, Precision = f.Precision, Scale = f.Scale };
                break;
            default:
                throw new ParquetException($"unknown column type {f.Type}", null, f.Name);
        }

        return e;
    }

    private static void SetInt(SchemaElement e, int bits)
    {
        e.Type = PhysicalType.Int32;
        e.ConvertedType = bits == 8 ? ConvertedType.Int8 : ConvertedType.Int16;
        e.LogicalType = new LogicalType { Kind = LogicalKind.Integer, BitWidth = bits, IsSigned = true };
    }

    /// <summary>Reads a flat schema; nested groups and repeated fields raise a clear <see cref="ParquetException"/>.</summary>
    public static LeafDescriptor[] FromElements(IReadOnlyList<SchemaElement> elements, long footerOffset)
    {
        if (elements.Count == 0)
        {
            throw new ParquetException("footer has an empty schema", footerOffset);
        }

        var root = elements[0];
        var leaves = new LeafDescriptor[elements.Count - 1];
        if ((root.NumChildren ?? 0) != leaves.Length)
        {
            var nested = elements.Skip(1).FirstOrDefault(e => e.NumChildren > 0);
            throw new ParquetException(
                $"nested column '{nested?.Name ?? "?"}' is not supported: Obrador.Parquet reads flat schemas only", footerOffset, nested?.Name);
        }

        for (var i = 1; i < elements.Count; i++)
        {
            var e = elements[i];
            if (e.NumChildren > 0 || e.Type is null)
            {
                throw new ParquetException($"nested column '{e.Name}' is not supported: Obrador.Parquet reads flat schemas only", footerOffset, e.Name);
            }

            if (e.Repetition == Repetition.Repeated)
            {
                throw new ParquetException($"repeated column '{e.Name}' is not supported: Obrador.Parquet reads flat schemas only", footerOffset, e.Name);
            }

            leaves[i - 1] = ToLeaf(e, footerOffset);
        }

        return leaves;
    }

    private static LeafDescriptor ToLeaf(SchemaElement e, long offset)
    {
        var nullable = e.Repetition != Repetition.Required;
        var lt = e.LogicalType;
        var kind = lt?.Kind ?? LogicalKind.None;
        var ct = e.ConvertedType;
        var physical = e.Type!.Value;
        ParquetField Field(ParquetType t) => new(e.Name, t, nullable);
        LeafDescriptor Leaf(ParquetField f, bool unsigned = false, TimeUnit unit = TimeUnit.None) =>
            new(f, physical, e.TypeLength ?? 0, unsigned, unit);
        ParquetException Unsupported(string what) =>
            new($"column '{e.Name}' has unsupported type {what}", offset, e.Name);

        var isDecimal = kind == LogicalKind.Decimal || (kind == LogicalKind.None && ct == ConvertedType.Decimal);
        if (isDecimal)
        {
            var precision = lt?.Kind == LogicalKind.Decimal ? lt.Precision : e.Precision ?? 0;
            var scale = lt?.Kind == LogicalKind.Decimal ? lt.Scale : e.Scale ?? 0;
            if (precision is < 1 or > 38 || scale < 0 || scale > precision || scale > 28)
            {
                throw Unsupported($"DECIMAL({precision},{scale})");
            }

            if (physical is not (PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.FixedLenByteArray or PhysicalType.ByteArray))
            {
                throw Unsupported($"DECIMAL on {physical}");
            }

            return Leaf(ParquetField.Decimal(e.Name, precision, scale, nullable));
        }

        switch (physical)
        {
            case PhysicalType.Boolean:
                return Leaf(Field(ParquetType.Boolean));
            case PhysicalType.Int32:
                if (kind == LogicalKind.Date || ct == ConvertedType.Date)
                {
                    return Leaf(Field(ParquetType.Date));
                }

                if (kind == LogicalKind.Integer || ct is >= ConvertedType.Uint8 and <= ConvertedType.Int64)
                {
                    var (bits, signed) = kind == LogicalKind.Integer
                        ? (lt!.BitWidth, lt.IsSigned)
                        : ct switch
                        {
                            ConvertedType.Uint8 => (8, false),
                            ConvertedType.Uint16 => (16, false),
                            ConvertedType.Uint32 => (32, false),
                            ConvertedType.Int8 => (8, true),
                            ConvertedType.Int16 => (16, true),
                            _ => (32, true),
                        };
                    return (bits, signed) switch
                    {
                        (8, true) => Leaf(Field(ParquetType.Int8)),
                        (16, true) => Leaf(Field(ParquetType.Int16)),
                        (32, true) => Leaf(Field(ParquetType.Int32)),
                        (8, false) => Leaf(Field(ParquetType.Int16), unsigned: true),
                        (16, false) => Leaf(Field(ParquetType.Int32), unsigned: true),
                        (32, false) => Leaf(Field(ParquetType.Int64), unsigned: true),
                        _ => throw Unsupported($"INT({bits},{signed}) on INT32"),
                    };
                }

                if (kind is LogicalKind.None or LogicalKind.Unknown && ct is null)
                {
                    return Leaf(Field(ParquetType.Int32));
                }

                throw Unsupported($"{kind}/{ct} on INT32");
            case PhysicalType.Int64:
                if (kind == LogicalKind.Timestamp)
                {
                    return lt!.Unit switch
                    {
                        TimeUnit.Millis => Leaf(Field(ParquetType.TimestampMillis), unit: TimeUnit.Millis),
                        TimeUnit.Micros => Leaf(Field(ParquetType.TimestampMicros), unit: TimeUnit.Micros),
                        TimeUnit.Nanos => Leaf(Field(ParquetType.TimestampMicros), unit: TimeUnit.Nanos),
                        _ => throw Unsupported("TIMESTAMP with unknown unit"),
                    };
                }

                if (kind == LogicalKind.None && ct == ConvertedType.TimestampMillis)
                {
                    return Leaf(Field(ParquetType.TimestampMillis), unit: TimeUnit.Millis);
                }

                if (kind == LogicalKind.None && ct == ConvertedType.TimestampMicros)
                {
                    return Leaf(Field(ParquetType.TimestampMicros), unit: TimeUnit.Micros);
                }

                if ((kind == LogicalKind.Integer && lt!.BitWidth == 64 && lt.IsSigned) || (kind is LogicalKind.None or LogicalKind.Unknown && ct is null or ConvertedType.Int64))
                {
                    return Leaf(Field(ParquetType.Int64));
                }

                throw Unsupported($"{kind}/{ct} on INT64");
            case PhysicalType.Int96:
                return Leaf(Field(ParquetType.TimestampMicros), unit: TimeUnit.Nanos);
            case PhysicalType.Float:
                return Leaf(Field(ParquetType.Float));
            case PhysicalType.Double:
                return Leaf(Field(ParquetType.Double));
            case PhysicalType.ByteArray:
                return kind is LogicalKind.String or LogicalKind.Enum or LogicalKind.Json || ct is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json
                    ? Leaf(Field(ParquetType.String))
                    : Leaf(Field(ParquetType.Binary));
            case PhysicalType.FixedLenByteArray:
                if (e.TypeLength is not > 0)
                {
                    throw new ParquetException($"FIXED_LEN_BYTE_ARRAY column '{e.Name}' has no valid type_length", offset, e.Name);
                }

                if (kind == LogicalKind.Float16)
                {
                    throw Unsupported("FLOAT16");
                }

                return Leaf(ParquetField.FixedBinary(e.Name, e.TypeLength.Value, nullable));
            default:
                throw Unsupported($"physical type {(int)physical}");
        }
    }
}
