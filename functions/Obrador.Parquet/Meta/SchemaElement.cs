namespace Obrador.Parquet.Meta;

/// <summary>
/// parquet.thrift <c>struct SchemaElement</c>: 1 type, 2 type_length, 3 repetition_type, 4 name, 5 num_children,
/// 6 converted_type, 7 scale, 8 precision, 9 field_id, 10 logicalType. The schema is a depth-first flattened tree.
/// </summary>
internal sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }

    public int? TypeLength { get; set; }

    public Repetition? Repetition { get; set; }

    public string Name { get; set; } = "";

    public int? NumChildren { get; set; }

    public ConvertedType? ConvertedType { get; set; }

    public int? Scale { get; set; }

    public int? Precision { get; set; }

    public int? FieldId { get; set; }

    public LogicalType? LogicalType { get; set; }

    public static SchemaElement Read(ref ThriftCompactReader r)
    {
        var e = new SchemaElement();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: e.Type = (PhysicalType)r.ReadI32(); break;
                case 2: e.TypeLength = r.ReadI32(); break;
                case 3: e.Repetition = (Repetition)r.ReadI32(); break;
                case 4: e.Name = r.ReadString(); break;
                case 5: e.NumChildren = r.ReadI32(); break;
                case 6: e.ConvertedType = (ConvertedType)r.ReadI32(); break;
                case 7: e.Scale = r.ReadI32(); break;
                case 8: e.Precision = r.ReadI32(); break;
                case 9: e.FieldId = r.ReadI32(); break;
                case 10 when t == CompactType.Struct: e.LogicalType = Meta.LogicalType.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return e;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        if (Type is { } type)
        {
            w.FieldI32(1, (int)type);
        }

        if (TypeLength is { } len)
        {
            w.FieldI32(2, len);
        }

        if (Repetition is { } rep)
        {
            w.FieldI32(3, (int)rep);
        }

        w.FieldString(4, Name);
        if (NumChildren is { } nc)
        {
            w.FieldI32(5, nc);
        }

        if (ConvertedType is { } ct)
        {
            w.FieldI32(6, (int)ct);
        }

        if (Scale is { } scale)
        {
            w.FieldI32(7, scale);
        }

        if (Precision is { } precision)
        {
            w.FieldI32(8, precision);
        }

        if (LogicalType is { } lt)
        {
            w.FieldStruct(10);
            lt.Write(w);
        }

        w.EndStruct();
    }
}
