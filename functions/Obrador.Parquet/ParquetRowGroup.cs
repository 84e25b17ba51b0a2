namespace Obrador.Parquet;

/// <summary>One row group of an opened file (parquet.thrift <c>RowGroup</c>): row count, size and per-column statistics in schema order.</summary>
public sealed record ParquetRowGroup
{
    /// <summary>0-based position in the file.</summary>
    public required int Index { get; init; }

    /// <summary>Number of rows.</summary>
    public required long RowCount { get; init; }

    /// <summary>Total uncompressed bytes of all column chunks.</summary>
    public long TotalByteSize { get; init; }

    /// <summary>Statistics for every column, in schema order.</summary>
    public required IReadOnlyList<ParquetColumnStatistics> Columns { get; init; }

    /// <summary>Statistics of column <paramref name="name"/>, or null when the column does not exist.</summary>
    public ParquetColumnStatistics? this[string name] => Columns.FirstOrDefault(c => c.Column == name);
}
