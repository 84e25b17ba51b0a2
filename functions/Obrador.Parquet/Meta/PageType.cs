namespace Obrador.Parquet.Meta;

/// <summary>Page kinds (parquet.thrift <c>enum PageType</c>).</summary>
internal enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}
