namespace Obrador.Parquet.Meta;

/// <summary>
/// parquet.thrift <c>union LogicalType</c> (LogicalTypes.md): STRING=1, DECIMAL=5 {1 scale, 2 precision}, DATE=6,
/// TIME=7 / TIMESTAMP=8 {1 isAdjustedToUTC, 2 unit}, INTEGER=10 {1 bitWidth, 2 isSigned}; other members are recognised
/// by id only.
/// </summary>
internal sealed class LogicalType
{
    public LogicalKind Kind { get; set; }

    public int Scale { get; set; }

    public int Precision { get; set; }

    public bool IsAdjustedToUtc { get; set; }

    public TimeUnit Unit { get; set; }

    public int BitWidth { get; set; }

    public bool IsSigned { get; set; } = true;

    public static LogicalType Read(ref ThriftCompactReader r)
    {
        var lt = new LogicalType();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            if (t != CompactType.Struct)
            {
                r.Skip(t);
                continue;
            }

            lt.Kind = id is >= 1 and <= 15 and not 9 ? (LogicalKind)id : LogicalKind.Other;
            switch (lt.Kind)
            {
                case LogicalKind.Decimal: ReadDecimal(ref r, lt); break;
                case LogicalKind.Time:
                case LogicalKind.Timestamp: ReadTime(ref r, lt); break;
                case LogicalKind.Integer: ReadInteger(ref r, lt); break;
                default: r.SkipStruct(); break;
            }
        }

        r.EndStruct();
        return lt;
    }

    private static void ReadDecimal(ref ThriftCompactReader r, LogicalType lt)
    {
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: lt.Scale = r.ReadI32(); break;
                case 2: lt.Precision = r.ReadI32(); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
    }

    private static void ReadTime(ref ThriftCompactReader r, LogicalType lt)
    {
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: lt.IsAdjustedToUtc = r.ReadBool(t); break;
                case 2 when t == CompactType.Struct:
                    r.BeginStruct();
                    while (r.ReadField(out var uid, out var ut))
                    {
                        lt.Unit = uid is >= 1 and <= 3 ? (TimeUnit)uid : TimeUnit.None;
                        r.Skip(ut);
                    }

                    r.EndStruct();
                    break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
    }

    private static void ReadInteger(ref ThriftCompactReader r, LogicalType lt)
    {
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: lt.BitWidth = (sbyte)r.ReadByte(); break;
                case 2: lt.IsSigned = r.ReadBool(t); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.FieldStructBegin((short)Kind);
        switch (Kind)
        {
            case LogicalKind.Decimal:
                w.FieldI32(1, Scale);
                w.FieldI32(2, Precision);
                break;
            case LogicalKind.Time:
            case LogicalKind.Timestamp:
                w.FieldBool(1, IsAdjustedToUtc);
                w.FieldStructBegin(2);
                w.FieldStructBegin((short)Unit);
                w.EndStruct();
                w.EndStruct();
                break;
            case LogicalKind.Integer:
                w.FieldByte(1, (sbyte)BitWidth);
                w.FieldBool(2, IsSigned);
                break;
            default:
                break;
        }

        w.EndStruct();
        w.EndStruct();
    }
}
