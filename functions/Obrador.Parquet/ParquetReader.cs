using System.Buffers;
using System.Runtime.CompilerServices;
using Obrador.Parquet.Meta;
using Obrador.Parquet.Reading;

namespace Obrador.Parquet;

/// <summary>
/// Reads Parquet files with flat schemas (format README, "File format"; data pages v1 and v2; PLAIN, dictionary,
/// RLE/bit-packed, DELTA_* and BYTE_STREAM_SPLIT encodings; UNCOMPRESSED, SNAPPY and GZIP pages). Opening reads only
/// the footer; <see cref="ReadAsync(ParquetReadOptions, CancellationToken)"/> reads the requested columns of the row groups a predicate cannot rule out.
/// The stream must be seekable and is left open. Not thread-safe (reads move the stream position).
/// </summary>
public sealed class ParquetReader
{
    private readonly Stream _stream;
    private readonly FileMetaData _footer;
    private readonly LeafDescriptor[] _leaves;
    private readonly long _dataEnd;

    private ParquetReader(Stream stream, FileMetaData footer, LeafDescriptor[] leaves, long dataEnd)
    {
        _stream = stream;
        _footer = footer;
        _leaves = leaves;
        _dataEnd = dataEnd;
        Schema = new ParquetSchema(leaves.Select(l => l.Field));
        Metadata = footer.KeyValueMetadata
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value ?? "", StringComparer.Ordinal);
        RowGroups = footer.RowGroups.Select((g, i) => new ParquetRowGroup
        {
            Index = i,
            RowCount = g.NumRows,
            TotalByteSize = g.TotalByteSize,
            Columns = g.Columns.Select((c, j) => StatisticsDecoder.Decode(leaves[j], c.MetaData!)).ToArray(),
        }).ToArray();
    }

    /// <summary>The file's schema.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Total rows (sum over row groups).</summary>
    public long RowCount => _footer.NumRows;

    /// <summary>Row groups with their per-column statistics.</summary>
    public IReadOnlyList<ParquetRowGroup> RowGroups { get; }

    /// <summary>Footer key-value metadata (last value wins for repeated keys; null values read as empty).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The footer's <c>created_by</c>, or null.</summary>
    public string? CreatedBy => _footer.CreatedBy;

    /// <summary>Reads and validates the footer.</summary>
    /// <exception cref="ArgumentException">The stream is not readable and seekable.</exception>
    /// <exception cref="ParquetException">Too short, wrong magic, corrupt footer length or footer, nested schema, or chunks outside the file.</exception>
    public static async Task<ParquetReader> OpenAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("stream must be readable and seekable", nameof(stream));
        }

        var length = stream.Length;
        if (length < 12)
        {
            throw new ParquetException($"file of {length} bytes is too short to be Parquet (needs at least 12)", 0);
        }

        var head = new byte[4];
        stream.Position = 0;
        await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
        if (!head.AsSpan().SequenceEqual("PAR1"u8))
        {
            throw new ParquetException("wrong magic: file does not start with PAR1 (encrypted PARE files are not supported)", 0);
        }

        var tail = new byte[8];
        stream.Position = length - 8;
        await stream.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
        if (!tail.AsSpan(4).SequenceEqual("PAR1"u8))
        {
            throw new ParquetException("wrong magic: file does not end with PAR1 (truncated?)", length - 4);
        }

        var footerLength = BitConverter.ToInt32(tail);
        var footerStart = length - 8 - footerLength;
        if (footerLength <= 0 || footerStart < 4)
        {
            throw new ParquetException($"corrupt footer length {footerLength} for a file of {length} bytes", length - 8);
        }

        var footerBytes = new byte[footerLength];
        stream.Position = footerStart;
        await stream.ReadExactlyAsync(footerBytes, cancellationToken).ConfigureAwait(false);
        var footer = ParseFooter(footerBytes, footerStart);
        var leaves = SchemaMapper.FromElements(footer.Schema, footerStart);
        Validate(footer, leaves, footerStart);
        try
        {
            return new ParquetReader(stream, footer, leaves, footerStart);
        }
        catch (ArgumentException ex)
        {
            throw new ParquetException($"invalid schema: {ex.Message}", footerStart, null, null, ex);
        }
    }

    /// <summary>
    /// Reads the file as one batch per row group, with only <paramref name="columns"/> (all when null) and skipping row
    /// groups that <paramref name="predicate"/> rules out by statistics.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown column name, or a predicate value of the wrong type.</exception>
    /// <exception cref="ParquetException">Corrupt or unsupported data; names offset and column.</exception>
    public IAsyncEnumerable<ColumnBatch> ReadAsync(IReadOnlyList<string>? columns = null, ParquetPredicate? predicate = null, CancellationToken cancellationToken = default) =>
        ReadAsync(new ParquetReadOptions { Columns = columns, Predicate = predicate }, cancellationToken);

    /// <summary>
    /// Reads the row groups that <see cref="ParquetReadOptions.Predicate"/> cannot rule out, with the requested
    /// columns, as batches of <see cref="ParquetReadOptions.BatchRows"/> rows (or one per row group). A batch never
    /// spans two row groups. Each batch owns its arrays; the reader keeps one row group's compressed chunks.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown column name, or a predicate value of the wrong type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options (see <see cref="ParquetReadOptions.Validate"/>).</exception>
    /// <exception cref="ParquetException">Corrupt or unsupported data; names offset and column.</exception>
    public async IAsyncEnumerable<ColumnBatch> ReadAsync(ParquetReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var indices = Project(options.Columns);
        for (var g = 0; g < RowGroups.Count; g++)
        {
            if (options.Predicate is not null && !options.Predicate.MightMatch(Schema, RowGroups[g]))
            {
                continue;
            }

            await foreach (var batch in ReadRowGroupAsync(g, indices, options.BatchRows, cancellationToken, options.Utf8Columns).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    /// <summary>Reads one row group (all columns, or the named ones).</summary>
    public async Task<ColumnBatch> ReadRowGroupAsync(int index, IReadOnlyList<string>? columns = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, RowGroups.Count);
        await foreach (var batch in ReadRowGroupAsync(index, Project(columns), 0, cancellationToken).ConfigureAwait(false))
        {
            return batch;
        }

        throw new InvalidOperationException("a row group read returned no batch");
    }

    /// <summary>Reads all matching row groups into a single batch (convenient for small files).</summary>
    public async Task<ColumnBatch> ReadAllAsync(IReadOnlyList<string>? columns = null, ParquetPredicate? predicate = null, CancellationToken cancellationToken = default)
    {
        var batches = new List<ColumnBatch>();
        await foreach (var b in ReadAsync(columns, predicate, cancellationToken).ConfigureAwait(false))
        {
            batches.Add(b);
        }

        return BatchConcat.Concat(new ParquetSchema(Project(columns).Select(i => Schema[i])), batches);
    }

    /// <summary>Reads row group <paramref name="g"/>'s chunks, then decodes them <paramref name="batchRows"/> rows at a time (0 = all); an empty row group gives one empty batch.</summary>
    private async IAsyncEnumerable<ColumnBatch> ReadRowGroupAsync(int g, int[] indices, int batchRows, [EnumeratorCancellation] CancellationToken cancellationToken, IReadOnlySet<string>? utf8Columns = null)
    {
        var group = _footer.RowGroups[g];
        var rows = (int)group.NumRows;
        var schema = indices.SequenceEqual(Enumerable.Range(0, Schema.Count)) ? Schema : new ParquetSchema(indices.Select(i => Schema[i]));
        var buffers = new byte[indices.Length][];
        var cursors = new IColumnCursor[indices.Length];
        try
        {
            for (var k = 0; k < indices.Length; k++)
            {
                var c = indices[k];
                var meta = group.Columns[c].MetaData!;
                var (start, size) = ChunkRange(meta);
                buffers[k] = ArrayPool<byte>.Shared.Rent((int)Math.Max(size, 1));
                _stream.Position = start;
                await _stream.ReadExactlyAsync(buffers[k].AsMemory(0, (int)size), cancellationToken).ConfigureAwait(false);
                cursors[k] = ColumnChunkReader.Open(_leaves[c], meta, buffers[k].AsMemory(0, (int)size), start, rows, utf8Columns?.Contains(Schema[c].Name) == true);
            }

            var slice = batchRows <= 0 ? rows : batchRows;
            var done = 0;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = Math.Min(slice, rows - done);
                var columns = new ParquetColumn[cursors.Length];
                for (var k = 0; k < cursors.Length; k++)
                {
                    columns[k] = cursors[k].Next(n);
                }

                done += n;
                yield return new ColumnBatch(schema, n, columns);
            }
            while (done < rows);
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                cursor?.Dispose();
            }

            foreach (var buffer in buffers)
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
    }

    private int[] Project(IReadOnlyList<string>? columns)
    {
        if (columns is null)
        {
            return Enumerable.Range(0, Schema.Count).ToArray();
        }

        return columns.Select(name => Schema.IndexOf(name) is var i and >= 0
            ? i
            : throw new ArgumentException($"no column '{name}' in the file (has {Schema})", nameof(columns))).ToArray();
    }

    private static (long Start, long Size) ChunkRange(ColumnMetaData meta)
    {
        var start = meta.DataPageOffset;
        if (meta.DictionaryPageOffset is { } d && d > 0 && d < start)
        {
            start = d;
        }

        return (start, meta.TotalCompressedSize);
    }

    private static FileMetaData ParseFooter(byte[] bytes, long offset)
    {
        Span<short> stack = stackalloc short[32];
        var reader = new ThriftCompactReader(bytes, offset, stack);
        try
        {
            return FileMetaData.Read(ref reader);
        }
        catch (Exception ex) when (ex is not ParquetException and (IndexOutOfRangeException or ArgumentException or OverflowException or InvalidOperationException))
        {
            throw new ParquetException($"corrupt footer: {ex.Message}", offset, null, null, ex);
        }
    }

    private static void Validate(FileMetaData footer, LeafDescriptor[] leaves, long footerStart)
    {
        long total = 0;
        foreach (var g in footer.RowGroups)
        {
            if (g.NumRows is < 0 or > int.MaxValue)
            {
                throw new ParquetException($"row group with {g.NumRows} rows is out of range", footerStart);
            }

            total += g.NumRows;
            if (g.Columns.Count != leaves.Length)
            {
                throw new ParquetException($"row group has {g.Columns.Count} column chunks, schema has {leaves.Length} columns", footerStart);
            }

            for (var c = 0; c < leaves.Length; c++)
            {
                var name = leaves[c].Field.Name;
                var chunk = g.Columns[c];
                if (chunk.FilePath is not null)
                {
                    throw new ParquetException("column chunks in external files are not supported", footerStart, name);
                }

                var meta = chunk.MetaData ?? throw new ParquetException("column chunk without metadata", footerStart, name);
                if (meta.Type != leaves[c].Physical)
                {
                    throw new ParquetException($"column chunk type {meta.Type} differs from the schema's {leaves[c].Physical}", footerStart, name);
                }

                var (start, size) = ChunkRange(meta);
                if (start < 4 || size < 0 || size > int.MaxValue || start + size > footerStart)
                {
                    throw new ParquetException($"column chunk [{start}, {start + size}) lies outside the data section [4, {footerStart})", start, name);
                }
            }
        }

        if (total != footer.NumRows)
        {
            throw new ParquetException($"footer says {footer.NumRows} rows, row groups hold {total}", footerStart);
        }
    }
}
