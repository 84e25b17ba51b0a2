namespace Obrador.Parquet.Meta;

/// <summary>parquet.thrift <c>struct KeyValue</c>: 1 key, 2 value.</summary>
internal sealed class KeyValue
{
    public string Key { get; set; } = "";

    public string? Value { get; set; }

    public static KeyValue Read(ref ThriftCompactReader r)
    {
        var kv = new KeyValue();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: kv.Key = r.ReadString(); break;
                case 2: kv.Value = r.ReadString(); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return kv;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.FieldString(1, Key);
        if (Value is not null)
        {
            w.FieldString(2, Value);
        }

        w.EndStruct();
    }
}
