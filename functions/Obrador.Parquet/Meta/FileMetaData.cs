namespace Obrador.Parquet.Meta;

/// <summary>
/// parquet.thrift <c>struct FileMetaData</c> (the footer): 1 version, 2 schema, 3 num_rows, 4 row_groups,
/// 5 key_value_metadata, 6 created_by, 7 column_orders (written as TYPE_ORDER for every leaf).
/// </summary>
internal sealed class FileMetaData
{
    public int Version { get; set; } = 2;

    public List<SchemaElement> Schema { get; set; } = [];

    public long NumRows { get; set; }

    public List<RowGroup> RowGroups { get; set; } = [];

    public List<KeyValue> KeyValueMetadata { get; set; } = [];

    public string? CreatedBy { get; set; }

    /// <summary>True when the file declares TYPE_ORDER column orders, so min_value/max_value may be trusted.</summary>
    public bool HasTypeDefinedOrder { get; set; }

    public static FileMetaData Read(ref ThriftCompactReader r)
    {
        var m = new FileMetaData();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: m.Version = r.ReadI32(); break;
                case 2 when t == CompactType.List:
                    {
                        var n = r.ReadListHeader(out _);
                        for (var i = 0; i < n; i++)
                        {
                            m.Schema.Add(SchemaElement.Read(ref r));
                        }

                        break;
                    }

                case 3: m.NumRows = r.ReadI64(); break;
                case 4 when t == CompactType.List:
                    {
                        var n = r.ReadListHeader(out _);
                        for (var i = 0; i < n; i++)
                        {
                            m.RowGroups.Add(RowGroup.Read(ref r));
                        }

                        break;
                    }

                case 5 when t == CompactType.List:
                    {
                        var n = r.ReadListHeader(out _);
                        for (var i = 0; i < n; i++)
                        {
                            m.KeyValueMetadata.Add(KeyValue.Read(ref r));
                        }

                        break;
                    }

                case 6: m.CreatedBy = r.ReadString(); break;
                case 7 when t == CompactType.List:
                    m.HasTypeDefinedOrder = true;
                    r.Skip(t);
                    break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return m;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.FieldI32(1, Version);
        w.FieldListBegin(2, CompactType.Struct, Schema.Count);
        foreach (var e in Schema)
        {
            e.Write(w);
        }

        w.FieldI64(3, NumRows);
        w.FieldListBegin(4, CompactType.Struct, RowGroups.Count);
        foreach (var g in RowGroups)
        {
            g.Write(w);
        }

        if (KeyValueMetadata.Count > 0)
        {
            w.FieldListBegin(5, CompactType.Struct, KeyValueMetadata.Count);
            foreach (var kv in KeyValueMetadata)
            {
                kv.Write(w);
            }
        }

        if (CreatedBy is not null)
        {
            w.FieldString(6, CreatedBy);
        }

        var leaves = Schema.Count - 1;
        w.FieldListBegin(7, CompactType.Struct, leaves);
        for (var i = 0; i < leaves; i++)
        {
            // ColumnOrder union with member 1 = TypeDefinedOrder (an empty struct).
            w.BeginStruct();
            w.FieldStructBegin(1);
            w.EndStruct();
            w.EndStruct();
        }

        w.EndStruct();
    }
}
