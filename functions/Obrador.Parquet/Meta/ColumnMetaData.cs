namespace Obrador.Parquet.Meta;

/// <summary>
/// parquet.thrift <c>struct ColumnMetaData</c>: 1 type, 2 encodings, 3 path_in_schema, 4 codec, 5 num_values,
/// 6 total_uncompressed_size, 7 total_compressed_size, 9 data_page_offset, 10 index_page_offset,
/// 11 dictionary_page_offset, 12 statistics.
/// </summary>
internal sealed class ColumnMetaData
{
    public PhysicalType Type { get; set; }

    public List<PageEncoding> Encodings { get; set; } = [];

    public List<string> PathInSchema { get; set; } = [];

    public CompressionCodec Codec { get; set; }

    public long NumValues { get; set; }

    public long TotalUncompressedSize { get; set; }

    public long TotalCompressedSize { get; set; }

    public long DataPageOffset { get; set; }

    public long? DictionaryPageOffset { get; set; }

    public Statistics? Statistics { get; set; }

    public static ColumnMetaData Read(ref ThriftCompactReader r)
    {
        var m = new ColumnMetaData();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: m.Type = (PhysicalType)r.ReadI32(); break;
                case 2 when t == CompactType.List:
                    {
                        var n = r.ReadListHeader(out _);
                        for (var i = 0; i < n; i++)
                        {
                            m.Encodings.Add((PageEncoding)r.ReadI32());
                        }

                        break;
                    }

                case 3 when t == CompactType.List:
                    {
                        var n = r.ReadListHeader(out _);
                        for (var i = 0; i < n; i++)
                        {
                            m.PathInSchema.Add(r.ReadString());
                        }

                        break;
                    }

                case 4: m.Codec = (CompressionCodec)r.ReadI32(); break;
                case 5: m.NumValues = r.ReadI64(); break;
                case 6: m.TotalUncompressedSize = r.ReadI64(); break;
                case 7: m.TotalCompressedSize = r.ReadI64(); break;
                case 9: m.DataPageOffset = r.ReadI64(); break;
                case 11: m.DictionaryPageOffset = r.ReadI64(); break;
                case 12 when t == CompactType.Struct: m.Statistics = Meta.Statistics.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return m;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.FieldI32(1, (int)Type);
        w.FieldListBegin(2, CompactType.I32, Encodings.Count);
        foreach (var e in Encodings)
        {
            w.WriteI32((int)e);
        }

        w.FieldListBegin(3, CompactType.Binary, PathInSchema.Count);
        foreach (var p in PathInSchema)
        {
            w.WriteString(p);
        }

        w.FieldI32(4, (int)Codec);
        w.FieldI64(5, NumValues);
        w.FieldI64(6, TotalUncompressedSize);
        w.FieldI64(7, TotalCompressedSize);
        w.FieldI64(9, DataPageOffset);
        if (DictionaryPageOffset is { } d)
        {
            w.FieldI64(11, d);
        }

        if (Statistics is not null)
        {
            w.FieldStruct(12);
            Statistics.Write(w);
        }

        w.EndStruct();
    }
}
