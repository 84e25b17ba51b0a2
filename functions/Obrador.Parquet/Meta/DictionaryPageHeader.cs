namespace Obrador.Parquet.Meta;

/// <summary>parquet.thrift <c>struct DictionaryPageHeader</c>: 1 num_values, 2 encoding, 3 is_sorted.</summary>
internal sealed class DictionaryPageHeader
{
    public int NumValues { get; set; }

    public PageEncoding Encoding { get; set; }

    public static DictionaryPageHeader Read(ref ThriftCompactReader r)
    {
        var h = new DictionaryPageHeader();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(); break;
                case 2: h.Encoding = (PageEncoding)r.ReadI32(); break;
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
        w.EndStruct();
    }
}
