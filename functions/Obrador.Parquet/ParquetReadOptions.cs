namespace Obrador.Parquet;

/// <summary>What <see cref="ParquetReader.ReadAsync(ParquetReadOptions, CancellationToken)"/> reads and in what slices.</summary>
public sealed record ParquetReadOptions
{
    /// <summary>Columns to read, in this order; default null = every column.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Skips row groups whose statistics rule it out; default null = read every row group.</summary>
    public ParquetPredicate? Predicate { get; init; }

    /// <summary>
    /// Rows per returned batch; default 0 = one batch per row group. A row group is then returned as consecutive
    /// batches of this many rows (the last one shorter), decoded page by page, so only one slice of decoded values is
    /// alive at a time: scans that consume and drop each batch keep memory small and strings short-lived (the
    /// garbage collector's cheap case). 8,192 suits full scans; vectorised engines use 1,024–2,048.
    /// </summary>
    public int BatchRows { get; init; }

    /// <summary>
    /// STRING columns returned as their UTF-8 bytes (<c>byte[]</c> values) instead of strings; used by
    /// <see cref="ParquetRecords"/> for <see cref="ParquetUtf8Attribute"/> properties. Default null = none.
    /// </summary>
    internal IReadOnlySet<string>? Utf8Columns { get; init; }

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="BatchRows"/> is negative.</exception>
    public void Validate() => ArgumentOutOfRangeException.ThrowIfNegative(BatchRows, nameof(BatchRows));
}
