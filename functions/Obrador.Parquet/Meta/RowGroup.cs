namespace Obrador.Parquet.Meta;

/// <summary>parquet.thrift <c>struct RowGroup</c>: 1 columns, 2 total_byte_size, 3 num_rows, 5 file_offset, 6 total_compressed_size, 7 ordinal.</summary>
internal sealed class RowGroup
{
    public List<ColumnChunk> Columns { get; set; } = [];

    public long TotalByteSize { get; set; }

    public long NumRows { get; set; }

    public long? FileOffset { get; set; }

    public long? TotalCompressedSize { get; set; }

    public short? Ordinal { get; set; }

    public static RowGroup Read(ref ThriftCompactReader r)
    {
        var g = new RowGroup();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1 when t == CompactType.List:
                    {
                        var n = r.ReadListHeader(out _);
                        for (var i = 0; i < n; i++)
                        {
                            g.Columns.Add(ColumnChunk.Read(ref r));
                        }

                        break;
                    }

                case 2: g.TotalByteSize = r.ReadI64(); break;
                case 3: g.NumRows = r.ReadI64(); break;
                case 5: g.FileOffset = r.ReadI64(); break;
                case 6: g.TotalCompressedSize = r.ReadI64(); break;
                case 7: g.Ordinal = (short)r.ReadI32(); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return g;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.FieldListBegin(1, CompactType.Struct, Columns.Count);
        foreach (var c in Columns)
        {
            c.Write(w);
        }

        w.FieldI64(2, TotalByteSize);
        w.FieldI64(3, NumRows);
        if (FileOffset is { } fo)
        {
            w.FieldI64(5, fo);
        }

        if (TotalCompressedSize is { } tcs)
        {
            w.FieldI64(6, tcs);
        }

        if (Ordinal is { } ord)
        {
            w.FieldI32(7, ord);
        }

        w.EndStruct();
    }
}
