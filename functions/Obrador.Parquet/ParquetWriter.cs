using System.Text;
using Obrador.Parquet.Meta;
using Obrador.Parquet.Writing;

namespace Obrador.Parquet;

/// <summary>
/// Streaming Parquet writer (format README, "File format": <c>PAR1</c>, row groups of column chunks, Thrift compact
/// footer, footer length, <c>PAR1</c>). Rows arrive as <see cref="ColumnBatch"/>es of any size; a row group is encoded
/// page by page as rows arrive and written out when it reaches <see cref="ParquetWriteOptions.RowGroupSize"/> rows or
/// <see cref="ParquetWriteOptions.RowGroupBytes"/> buffered bytes, so memory stays bounded by one row group.
/// The footer is written by <see cref="DisposeAsync"/>; the stream is left open. The stream need not be seekable.
/// Not thread-safe.
/// </summary>
public sealed class ParquetWriter : IAsyncDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private readonly Stream _stream;
    private readonly ParquetWriteOptions _options;
    private readonly ColumnChunkWriter[] _columns;
    private readonly FileMetaData _footer;
    private long _position;
    private long _rowGroupRows;
    private bool _disposed;

    private ParquetWriter(Stream stream, ParquetSchema schema, ParquetWriteOptions options)
    {
        _stream = stream;
        _options = options;
        Schema = schema;
        _columns = schema.Select(f => CreateColumnWriter(f, options)).ToArray();
        _footer = new FileMetaData { Schema = SchemaMapper.ToElements(schema), CreatedBy = options.CreatedBy };
        if (options.Metadata is not null)
        {
            foreach (var (k, v) in options.Metadata)
            {
                Metadata[k] = v;
            }
        }
    }

    /// <summary>The schema every batch must follow.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Key-value metadata for the footer; may be changed until the writer is disposed.</summary>
    public IDictionary<string, string> Metadata { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Encoded bytes buffered for the open row group (compressed pages, open pages, dictionaries): the writer's memory beyond fixed overhead.</summary>
    public long BufferedBytes => BufferedBytesCore();

    /// <summary>Rows written so far (including rows still buffered in the open row group).</summary>
    public long RowCount { get; private set; }

    /// <summary>Creates a writer and writes the leading magic bytes.</summary>
    /// <exception cref="ArgumentException">Options invalid (see <see cref="ParquetWriteOptions.Validate"/>) or the stream is not writable.</exception>
    public static async Task<ParquetWriter> CreateAsync(Stream stream, ParquetSchema schema, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("stream is not writable", nameof(stream));
        }

        options ??= new ParquetWriteOptions();
        options.Validate();
        var writer = new ParquetWriter(stream, schema, options);
        await stream.WriteAsync(Magic, cancellationToken).ConfigureAwait(false);
        writer._position = Magic.Length;
        return writer;
    }

    /// <summary>Appends all rows of <paramref name="batch"/>; flushes row groups as they fill.</summary>
    /// <exception cref="ArgumentException">The batch's schema differs from the writer's, or a column was not set.</exception>
    /// <exception cref="ParquetException">A null in a REQUIRED column or a value that does not fit its field (names column and row).</exception>
    public async Task WriteAsync(ColumnBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!ReferenceEquals(batch.Schema, Schema) && !batch.Schema.SequenceEqual(Schema))
        {
            throw new ArgumentException($"batch schema ({batch.Schema}) differs from the writer's ({Schema})", nameof(batch));
        }

        for (var c = 0; c < _columns.Length; c++)
        {
            if (!batch.IsSet(c))
            {
                throw new ArgumentException($"column '{Schema[c].Name}' was not set in the batch", nameof(batch));
            }
        }

        var offset = 0;
        while (offset < batch.RowCount)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var room = (int)Math.Min(_options.RowGroupSize - _rowGroupRows, batch.RowCount - offset);

            // Append in steps so the byte limit is checked often enough to bound memory.
            var step = Math.Min(room, 65_536);
            for (var c = 0; c < _columns.Length; c++)
            {
                _columns[c].Append(batch[c], offset, step);
            }

            offset += step;
            _rowGroupRows += step;
            RowCount += step;
            if (_rowGroupRows >= _options.RowGroupSize || BufferedBytesCore() >= _options.RowGroupBytes)
            {
                await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes the open row group now (no-op when empty).</summary>
    public async Task FlushRowGroupAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_rowGroupRows == 0)
        {
            return;
        }

        var group = new RowGroup { NumRows = _rowGroupRows, FileOffset = _position, Ordinal = (short)Math.Min(_footer.RowGroups.Count, short.MaxValue) };
        var start = _position;
        foreach (var column in _columns)
        {
            var chunk = await column.FlushAsync(_stream, _position, cancellationToken).ConfigureAwait(false);
            _position += chunk.MetaData!.TotalCompressedSize;
            group.TotalByteSize += chunk.MetaData.TotalUncompressedSize;
            group.Columns.Add(chunk);
        }

        group.TotalCompressedSize = _position - start;
        _footer.RowGroups.Add(group);
        _footer.NumRows += _rowGroupRows;
        _rowGroupRows = 0;
    }

    /// <summary>Flushes the last row group and writes the footer and trailing magic; the stream stays open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await FlushRowGroupAsync().ConfigureAwait(false);
            _footer.KeyValueMetadata = Metadata.Select(kv => new KeyValue { Key = kv.Key, Value = kv.Value }).ToList();
            var thrift = new ThriftCompactWriter(4096);
            _footer.Write(thrift);
            var tail = new byte[thrift.Length + 8];
            thrift.Written.CopyTo(tail);
            BitConverter.TryWriteBytes(tail.AsSpan(thrift.Length), thrift.Length);
            Magic.CopyTo(tail.AsSpan(thrift.Length + 4));
            await _stream.WriteAsync(tail).ConfigureAwait(false);
            await _stream.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _disposed = true;
            foreach (var c in _columns)
            {
                c.Dispose();
            }
        }
    }

    private long BufferedBytesCore()
    {
        long total = 0;
        foreach (var c in _columns)
        {
            total += c.BufferedBytes;
        }

        return total;
    }

    private static ColumnChunkWriter CreateColumnWriter(ParquetField f, ParquetWriteOptions o) => f.Type switch
    {
        ParquetType.Boolean => new BooleanColumnWriter(f, o),
        ParquetType.Int8 or ParquetType.Int16 or ParquetType.Int32 or ParquetType.Date => new FixedWidthColumnWriter<int>(f, o, PhysicalType.Int32),
        ParquetType.Int64 or ParquetType.TimestampMillis or ParquetType.TimestampMicros => new FixedWidthColumnWriter<long>(f, o, PhysicalType.Int64),
        ParquetType.Decimal when f.Precision <= 18 => new FixedWidthColumnWriter<long>(f, o, PhysicalType.Int64),
        ParquetType.Decimal => new FixedBytesColumnWriter(f, o, DecimalConverter.ByteLength(f.Precision)),
        ParquetType.Float => new FixedWidthColumnWriter<float>(f, o, PhysicalType.Float),
        ParquetType.Double => new FixedWidthColumnWriter<double>(f, o, PhysicalType.Double),
        ParquetType.String or ParquetType.Binary => new ByteArrayColumnWriter(f, o),
        ParquetType.FixedBinary => new FixedBytesColumnWriter(f, o, f.Length),
        _ => throw new ParquetException($"unknown column type {f.Type}", null, f.Name),
    };
}
