namespace Obrador.Parquet;

/// <summary>
/// Footer metadata of one column chunk: statistics (parquet.thrift <c>Statistics</c>) decoded to the field's CLR type,
/// sizes and codec. <see cref="Min"/>/<see cref="Max"/> are null when the writer gave none or they cannot be trusted
/// (NaN bounds, legacy min/max with an unsigned sort order).
/// </summary>
public sealed record ParquetColumnStatistics
{
    /// <summary>Column name.</summary>
    public required string Column { get; init; }

    /// <summary>Number of null rows, when written.</summary>
    public long? NullCount { get; init; }

    /// <summary>Number of distinct values, when written (rare).</summary>
    public long? DistinctCount { get; init; }

    /// <summary>Smallest non-null value in the field's CLR type (e.g. <c>long</c>, <c>string</c>, <c>DateTime</c>), or null.</summary>
    public object? Min { get; init; }

    /// <summary>Largest non-null value in the field's CLR type, or null.</summary>
    public object? Max { get; init; }

    /// <summary>Compression codec name as in parquet.thrift (e.g. <c>SNAPPY</c>).</summary>
    public required string Codec { get; init; }

    /// <summary>Bytes of the chunk as stored (page headers included).</summary>
    public long CompressedSize { get; init; }

    /// <summary>Bytes of the chunk uncompressed (page headers included).</summary>
    public long UncompressedSize { get; init; }

    /// <summary>Encodings used by the chunk's pages (parquet.thrift names, e.g. <c>RLE_DICTIONARY</c>).</summary>
    public required IReadOnlyList<string> Encodings { get; init; }
}
