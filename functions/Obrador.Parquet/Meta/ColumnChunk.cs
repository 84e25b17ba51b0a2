namespace Obrador.Parquet.Meta;

/// <summary>parquet.thrift <c>struct ColumnChunk</c>: 1 file_path, 2 file_offset, 3 meta_data.</summary>
internal sealed class ColumnChunk
{
    public string? FilePath { get; set; }

    public long FileOffset { get; set; }

    public ColumnMetaData? MetaData { get; set; }

    public static ColumnChunk Read(ref ThriftCompactReader r)
    {
        var c = new ColumnChunk();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: c.FilePath = r.ReadString(); break;
                case 2: c.FileOffset = r.ReadI64(); break;
                case 3 when t == CompactType.Struct: c.MetaData = ColumnMetaData.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return c;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.FieldI64(2, FileOffset);
        if (MetaData is not null)
        {
            w.FieldStruct(3);
            MetaData.Write(w);
        }

        w.EndStruct();
    }
}
