namespace Obrador.Parquet;

/// <summary>Settings for <see cref="ParquetWriter"/>. Defaults suit lake files of a few hundred MB.</summary>
public sealed record ParquetWriteOptions
{
    /// <summary>Page compression; default <see cref="ParquetCompression.Snappy"/>.</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>Maximum rows per row group; default 1,048,576. A row group is flushed when it has this many rows.</summary>
    public int RowGroupSize { get; init; } = 1 << 20;

    /// <summary>
    /// Maximum encoded, compressed bytes buffered for one row group before it is flushed; default 128 MiB. Together
    /// with <see cref="RowGroupSize"/> this bounds the writer's memory.
    /// </summary>
    public long RowGroupBytes { get; init; } = 128L << 20;

    /// <summary>Target uncompressed size of a data page in bytes; default 1 MiB.</summary>
    public int PageSize { get; init; } = 1 << 20;

    /// <summary>Dictionary-encode string and binary columns (RLE_DICTIONARY); default true.</summary>
    public bool DictionaryEncoding { get; init; } = true;

    /// <summary>
    /// Largest dictionary page, in bytes of PLAIN-encoded entries, before a column chunk falls back to PLAIN;
    /// default 1 MiB.
    /// </summary>
    public int DictionaryPageSizeLimit { get; init; } = 1 << 20;

    /// <summary>Write column-chunk statistics (min_value, max_value, null_count); default true.</summary>
    public bool WriteStatistics { get; init; } = true;

    /// <summary>Key-value metadata written to the footer (e.g. schema version, writer id); default none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The footer's <c>created_by</c>; default <c>Obrador.Parquet version 0.1.0</c>.</summary>
    public string CreatedBy { get; init; } = "Obrador.Parquet version 0.1.0";

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size below its minimum (row group 1 row / 1 KiB, page 1 KiB, dictionary 0) or an unknown codec.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(RowGroupSize, 1, nameof(RowGroupSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(RowGroupBytes, 1024, nameof(RowGroupBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1024, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfNegative(DictionaryPageSizeLimit, nameof(DictionaryPageSizeLimit));
        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentOutOfRangeException(nameof(Compression), Compression, "unknown compression codec");
        }
    }
}
