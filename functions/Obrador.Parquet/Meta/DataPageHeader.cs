namespace Obrador.Parquet.Meta;

/// <summary>parquet.thrift <c>struct DataPageHeader</c>: 1 num_values, 2 encoding, 3 definition_level_encoding, 4 repetition_level_encoding, 5 statistics.</summary>
internal sealed class DataPageHeader
{
    public int NumValues { get; set; }

    public PageEncoding Encoding { get; set; }

    public PageEncoding DefinitionLevelEncoding { get; set; } = PageEncoding.Rle;

    public PageEncoding RepetitionLevelEncoding { get; set; } = PageEncoding.Rle;

    public Statistics? Statistics { get; set; }

    public static DataPageHeader Read(ref ThriftCompactReader r)
    {
        var h = new DataPageHeader();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(); break;
                case 2: h.Encoding = (PageEncoding)r.ReadI32(); break;
                case 3: h.DefinitionLevelEncoding = (PageEncoding)r.ReadI32(); break;
                case 4: h.RepetitionLevelEncoding = (PageEncoding)r.ReadI32(); break;
                case 5 when t == CompactType.Struct: h.Statistics = Meta.Statistics.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return h;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.FieldI32(1, NumValues);
        w.FieldI32(2, (int)Encoding);
        w.FieldI32(3, (int)DefinitionLevelEncoding);
        w.FieldI32(4, (int)RepetitionLevelEncoding);
        if (Statistics is not null)
        {
            w.FieldStruct(5);
            Statistics.Write(w);
        }

        w.EndStruct();
    }
}
