namespace Obrador.Parquet;

/// <summary>Page compression codec used when writing (parquet.thrift <c>CompressionCodec</c>).</summary>
public enum ParquetCompression
{
    /// <summary>UNCOMPRESSED.</summary>
    None,

    /// <summary>SNAPPY (raw Snappy block format), the default.</summary>
    Snappy,

    /// <summary>GZIP (RFC 1952) via System.IO.Compression.</summary>
    Gzip,
}
