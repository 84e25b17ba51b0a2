namespace Obrador.Parquet.Meta;

/// <summary>
/// parquet.thrift <c>struct DataPageHeaderV2</c>: 1 num_values, 2 num_nulls, 3 num_rows, 4 encoding,
/// 5 definition_levels_byte_length, 6 repetition_levels_byte_length, 7 is_compressed (default true), 8 statistics.
/// Levels are RLE without a length prefix and never compressed.
/// </summary>
internal sealed class DataPageHeaderV2
{
    public int NumValues { get; set; }

    public int NumNulls { get; set; }

    public int NumRows { get; set; }

    public PageEncoding Encoding { get; set; }

    public int DefinitionLevelsByteLength { get; set; }

    public int RepetitionLevelsByteLength { get; set; }

    public bool IsCompressed { get; set; } = true;

    public static DataPageHeaderV2 Read(ref ThriftCompactReader r)
    {
        var h = new DataPageHeaderV2();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(); break;
                case 2: h.NumNulls = r.ReadI32(); break;
                case 3: h.NumRows = r.ReadI32(); break;
                case 4: h.Encoding = (PageEncoding)r.ReadI32(); break;
                case 5: h.DefinitionLevelsByteLength = r.ReadI32(); break;
                case 6: h.RepetitionLevelsByteLength = r.ReadI32(); break;
                case 7: h.IsCompressed = r.ReadBool(t); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return h;
    }
}
