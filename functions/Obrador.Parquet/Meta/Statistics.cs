namespace Obrador.Parquet.Meta;

/// <summary>
/// parquet.thrift <c>struct Statistics</c>: 1 max, 2 min (deprecated, signed-order), 3 null_count, 4 distinct_count,
/// 5 max_value, 6 min_value (type-defined order). Values are PLAIN encoded without a length prefix.
/// </summary>
internal sealed class Statistics
{
    public byte[]? Max { get; set; }

    public byte[]? Min { get; set; }

    public long? NullCount { get; set; }

    public long? DistinctCount { get; set; }

    public byte[]? MaxValue { get; set; }

    public byte[]? MinValue { get; set; }

    public static Statistics Read(ref ThriftCompactReader r)
    {
        var s = new Statistics();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: s.Max = r.ReadBinary().ToArray(); break;
                case 2: s.Min = r.ReadBinary().ToArray(); break;
                case 3: s.NullCount = r.ReadI64(); break;
                case 4: s.DistinctCount = r.ReadI64(); break;
                case 5: s.MaxValue = r.ReadBinary().ToArray(); break;
                case 6: s.MinValue = r.ReadBinary().ToArray(); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return s;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        if (Max is not null)
        {
            w.FieldBinary(1, Max);
        }

        if (Min is not null)
        {
            w.FieldBinary(2, Min);
        }

        if (NullCount is { } nc)
        {
            w.FieldI64(3, nc);
        }

        if (DistinctCount is { } dc)
        {
            w.FieldI64(4, dc);
        }

        if (MaxValue is not null)
        {
            w.FieldBinary(5, MaxValue);
        }

        if (MinValue is not null)
        {
            w.FieldBinary(6, MinValue);
        }

        w.EndStruct();
    }
}
