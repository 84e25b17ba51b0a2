using System.Runtime.CompilerServices;
using System.Buffers;
using Obrador.Parquet.Compression;
using Obrador.Parquet.Encodings;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Writing;

/// <summary>
/// Buffers one column chunk of the current row group as compressed data pages (v1, Encodings.md / "Data Pages" in
/// the format README): definition levels for OPTIONAL columns are RLE/bit-packed with a 4-byte length prefix, values
/// are encoded by the typed subclass. Every data page header carries the page's statistics (min_value, max_value,
/// null_count; parquet.thrift <c>DataPageHeader.statistics</c>) and the chunk's statistics are folded from them.
/// <see cref="FlushAsync"/> writes the optional dictionary page and the data pages and returns the chunk's metadata.
/// Memory is bounded by the chunk's compressed size plus one page.
/// </summary>
internal abstract class ColumnChunkWriter : IDisposable
{
    private const int SliceRows = 4096;
    private const int PageRowLimit = 50_000;

    private readonly CompressionCodec _codec;
    private readonly ByteBuffer _pages = new();
    private readonly ByteBuffer _body = new();
    private readonly ByteBuffer _compressed = new();
    private readonly ThriftCompactWriter _thrift = new();
    private readonly HashSet<PageEncoding> _encodings = [];
    // Sized by the first slices, so a writer of a 100-row file holds 100-row buffers.
    private bool[] _nullScratch = [];
    private int[] _defLevels = [];
    private int _pageRows;
    private int _pageNulls;
    private long _chunkRows;
    private long _chunkNulls;
    private long _uncompressedTotal;
    private int _dataPageCount;
    private byte[]? _chunkMin;
    private byte[]? _chunkMax;

    protected ColumnChunkWriter(ParquetField field, ParquetWriteOptions options)
    {
        Field = field;
        Options = options;
        _codec = PageCompressor.ToCodec(options.Compression);
    }

    public ParquetField Field { get; }

    protected ParquetWriteOptions Options { get; }

    /// <summary>The physical type written for this column.</summary>
    public abstract PhysicalType PhysicalType { get; }

    /// <summary>Bytes buffered for the current row group (compressed pages plus the open page and dictionary).</summary>
    public long BufferedBytes => _pages.Length + PageValueBytes + DictionaryBytes;

    /// <summary>Encoded size of the values in the open page.</summary>
    protected abstract int PageValueBytes { get; }

    /// <summary>Encoded size of the dictionary, 0 without one.</summary>
    protected virtual int DictionaryBytes => 0;

    /// <summary>Appends rows <paramref name="start"/>..start+count of <paramref name="column"/>.</summary>
    /// <exception cref="ParquetException">A null in a REQUIRED column, or a value that does not fit the field.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(ParquetColumn column, int start, int count)
    {
        var end = start + count;
        for (var s = start; s < end; s += SliceRows)
        {
            var n = Math.Min(SliceRows, end - s);
            if (_nullScratch.Length < n)
            {
                _nullScratch = new bool[n];
            }

            var nulls = _nullScratch.AsSpan(0, n);
            var nullCount = FindNulls(column, s, nulls);
            if (nullCount > 0 && !Field.Nullable)
            {
                var row = s + nulls.IndexOf(true);
                throw new ParquetException("null value in a REQUIRED column", null, Field.Name, row);
            }

            if (Field.Nullable)
            {
                EnsureDefCapacity(_pageRows + n);
                var defs = _defLevels.AsSpan(_pageRows, n);
                for (var i = 0; i < n; i++)
                {
                    defs[i] = nulls[i] ? 0 : 1;
                }
            }

            AppendValues(column.Values, s, n, nullCount > 0 ? nulls : default);
            _pageRows += n;
            _pageNulls += nullCount;
            _chunkRows += n;
            _chunkNulls += nullCount;
            AfterSlice();
            if (PageValueBytes >= Options.PageSize || _pageRows >= PageRowLimit)
            {
                CutPage();
            }
        }
    }

    /// <summary>Encodes <paramref name="count"/> rows from <paramref name="start"/>, skipping rows whose <paramref name="nulls"/> flag is set (empty = no nulls).</summary>
    protected abstract void AppendValues(Array values, int start, int count, ReadOnlySpan<bool> nulls);

    /// <summary>Writes the open page's values into <paramref name="body"/>, resets them, and returns the encoding used.</summary>
    protected abstract PageEncoding EncodePageValues(ByteBuffer body);

    /// <summary>
    /// Min and max of the open page in PLAIN encoding, or nulls when unknown (all null, all NaN); called before
    /// <see cref="EncodePageValues"/>, which also resets them.
    /// </summary>
    protected abstract (byte[]? Min, byte[]? Max) PageMinMax();

    /// <summary>Compares two PLAIN-encoded values in the column's type-defined sort order (parquet.thrift <c>ColumnOrder</c>).</summary>
    protected abstract int CompareValues(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b);

    /// <summary>Writes the dictionary entries (PLAIN) into <paramref name="body"/>; returns the entry count, or -1 without a dictionary.</summary>
    protected virtual int EncodeDictionary(ByteBuffer body) => -1;

    /// <summary>Clears per-chunk state (dictionary, statistics) after a flush.</summary>
    protected abstract void ResetChunk();

    /// <summary>Called after every slice; dictionary writers use it to fall back to PLAIN.</summary>
    protected virtual void AfterSlice()
    {
    }

    /// <summary>Closes the open page (if it holds rows): levels + values, compressed, with its header.</summary>
    protected void CutPage()
    {
        if (_pageRows == 0)
        {
            return;
        }

        _body.Clear();
        if (Field.Nullable)
        {
            _body.Grow(4);
            if (_pageNulls == 0)
            {
                RleBitPackedHybridEncoder.EncodeRun(1, _pageRows, 1, _body);
            }
            else
            {
                RleBitPackedHybridEncoder.Encode(_defLevels.AsSpan(0, _pageRows), 1, _body);
            }

            BitConverter.TryWriteBytes(_body.Span[..4], _body.Length - 4);
            _encodings.Add(PageEncoding.Rle);
        }

        Meta.Statistics? statistics = null;
        if (Options.WriteStatistics)
        {
            var (min, max) = PageMinMax();
            statistics = new Meta.Statistics { NullCount = _pageNulls, MinValue = min, MaxValue = max };
            if (min is not null && (_chunkMin is null || CompareValues(min, _chunkMin) < 0))
            {
                _chunkMin = min;
            }

            if (max is not null && (_chunkMax is null || CompareValues(max, _chunkMax) > 0))
            {
                _chunkMax = max;
            }
        }

        var encoding = EncodePageValues(_body);
        _encodings.Add(encoding);
        var header = new PageHeader
        {
            Type = PageType.DataPage,
            DataPage = new DataPageHeader { NumValues = _pageRows, Encoding = encoding, Statistics = statistics },
        };
        AppendPage(header, _body, _pages);
        _dataPageCount++;
        _pageRows = 0;
        _pageNulls = 0;
    }

    /// <summary>Writes the buffered chunk at <paramref name="position"/> and returns its metadata; resets for the next row group.</summary>
    public async ValueTask<ColumnChunk> FlushAsync(Stream stream, long position, CancellationToken cancellationToken)
    {
        CutPage();
        long? dictionaryOffset = null;
        long written = 0;
        _body.Clear();
        var entries = EncodeDictionary(_body);
        if (entries >= 0)
        {
            using var dict = new ByteBuffer(_body.Length + 64);
            var header = new PageHeader
            {
                Type = PageType.DictionaryPage,
                DictionaryPage = new DictionaryPageHeader { NumValues = entries, Encoding = PageEncoding.Plain },
            };
            AppendPage(header, _body, dict);
            await stream.WriteAsync(dict.Memory, cancellationToken).ConfigureAwait(false);
            dictionaryOffset = position;
            written = dict.Length;
            _encodings.Add(PageEncoding.Plain);
        }

        await stream.WriteAsync(_pages.Memory, cancellationToken).ConfigureAwait(false);
        var meta = new ColumnMetaData
        {
            Type = PhysicalType,
            Encodings = [.. _encodings.Order()],
            PathInSchema = [Field.Name],
            Codec = _codec,
            NumValues = _chunkRows,
            TotalUncompressedSize = _uncompressedTotal,
            TotalCompressedSize = written + _pages.Length,
            DataPageOffset = position + written,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = Options.WriteStatistics ? new Meta.Statistics { NullCount = _chunkNulls, MinValue = _chunkMin, MaxValue = _chunkMax } : null,
        };
        var chunk = new ColumnChunk { FileOffset = position, MetaData = meta };
        _pages.Clear();
        _encodings.Clear();
        _chunkRows = 0;
        _chunkNulls = 0;
        _uncompressedTotal = 0;
        _dataPageCount = 0;
        _chunkMin = null;
        _chunkMax = null;
        ResetChunk();
        return chunk;
    }

    private void AppendPage(PageHeader header, ByteBuffer body, ByteBuffer output)
    {
        _compressed.Clear();
        var compressedLength = PageCompressor.Compress(_codec, body.Span, _compressed);
        header.UncompressedPageSize = body.Length;
        header.CompressedPageSize = compressedLength;
        _thrift.Reset();
        header.Write(_thrift);
        output.Write(_thrift.Written);
        output.Write(_compressed.Span);
        _uncompressedTotal += _thrift.Length + body.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FindNulls(ParquetColumn column, int start, Span<bool> nulls)
    {
        var count = 0;
        if (column.Nulls is { } mask)
        {
            mask.AsSpan(start, nulls.Length).CopyTo(nulls);
            count = nulls.Count(true);
        }
        else
        {
            nulls.Clear();
        }

        if (column.Values is object?[] refs)
        {
            for (var i = 0; i < nulls.Length; i++)
            {
                if (refs[start + i] is null && !nulls[i])
                {
                    nulls[i] = true;
                    count++;
                }
            }
        }

        return count;
    }

    private void EnsureDefCapacity(int needed)
    {
        if (needed <= _defLevels.Length)
        {
            return;
        }

        var bigger = ArrayPool<int>.Shared.Rent(Math.Max(needed, _defLevels.Length * 2));
        _defLevels.AsSpan(0, _pageRows).CopyTo(bigger);
        if (_defLevels.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_defLevels);
        }

        _defLevels = bigger;
    }

    public virtual void Dispose()
    {
        _pages.Dispose();
        _body.Dispose();
        _compressed.Dispose();
        if (_defLevels.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_defLevels);
            _defLevels = [];
        }
    }
}
