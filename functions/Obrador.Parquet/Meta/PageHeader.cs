namespace Obrador.Parquet.Meta;

/// <summary>
/// parquet.thrift <c>struct PageHeader</c>: 1 type, 2 uncompressed_page_size, 3 compressed_page_size, 4 crc,
/// 5 data_page_header, 7 dictionary_page_header, 8 data_page_header_v2.
/// </summary>
internal sealed class PageHeader
{
    public PageType Type { get; set; }

    public int UncompressedPageSize { get; set; }

    public int CompressedPageSize { get; set; }

    public DataPageHeader? DataPage { get; set; }

    public DictionaryPageHeader? DictionaryPage { get; set; }

    public DataPageHeaderV2? DataPageV2 { get; set; }

    public static PageHeader Read(ref ThriftCompactReader r)
    {
        var h = new PageHeader();
        r.BeginStruct();
        while (r.ReadField(out var id, out var t))
        {
            switch (id)
            {
                case 1: h.Type = (PageType)r.ReadI32(); break;
                case 2: h.UncompressedPageSize = r.ReadI32(); break;
                case 3: h.CompressedPageSize = r.ReadI32(); break;
                case 5 when t == CompactType.Struct: h.DataPage = DataPageHeader.Read(ref r); break;
                case 7 when t == CompactType.Struct: h.DictionaryPage = DictionaryPageHeader.Read(ref r); break;
                case 8 when t == CompactType.Struct: h.DataPageV2 = DataPageHeaderV2.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return h;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.FieldI32(1, (int)Type);
        w.FieldI32(2, UncompressedPageSize);
        w.FieldI32(3, CompressedPageSize);
        if (DataPage is not null)
        {
            w.FieldStruct(5);
            DataPage.Write(w);
        }

        if (DictionaryPage is not null)
        {
            w.FieldStruct(7);
            DictionaryPage.Write(w);
        }

        w.EndStruct();
    }
}
