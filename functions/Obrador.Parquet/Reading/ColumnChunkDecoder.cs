using System.Runtime.CompilerServices;
using System.Buffers;
using Obrador.Parquet.Compression;
using Obrador.Parquet.Encodings;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Reading;

/// <summary>
/// Decodes one column chunk (a byte range holding an optional dictionary page and data pages v1/v2; format README
/// "Column chunks", "Data Pages") into a physical value array of one element per row plus a null mask. Every size and
/// count is checked against the chunk and the row group, so corrupt input raises <see cref="ParquetException"/>.
/// </summary>
internal sealed class ColumnChunkDecoder<T>
{
    private const int MaxPageSize = 1 << 30;
    private readonly LeafDescriptor _leaf;
    private readonly CompressionCodec _codec;
    private readonly IValueReader<T> _reader;
    private readonly T[] _values;
    private readonly bool[]? _nulls;
    private byte[] _page = [];
    private int[] _ints = [];
    private T[] _tmp = [];
    private T[]? _dictionary;
    private int _row;

    private readonly int _rows;

    /// <param name="pooled">Rent the value array (the caller converts it and returns it with <see cref="ReturnValues"/>); positions of null rows then hold stale values.</param>
    public ColumnChunkDecoder(LeafDescriptor leaf, CompressionCodec codec, IValueReader<T> reader, int rows, bool pooled)
    {
        _leaf = leaf;
        _codec = codec;
        _reader = reader;
        _rows = rows;
        // A REQUIRED column writes every position, so its array need not be zeroed first.
        _values = pooled ? ArrayPool<T>.Shared.Rent(Math.Max(rows, 1))
            : leaf.Field.Nullable ? new T[rows] : GC.AllocateUninitializedArray<T>(rows);
        _nulls = leaf.Field.Nullable ? new bool[rows] : null;
    }

    /// <summary>Returns a pooled value array after conversion.</summary>
    public void ReturnValues() => ArrayPool<T>.Shared.Return(_values, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());

    public bool[]? Nulls => _nulls;

    public T[] Decode(ReadOnlySpan<byte> chunk, long chunkOffset)
    {
        try
        {
            DecodePages(chunk, chunkOffset);
            return _values;
        }
        finally
        {
            Return(ref _page);
            Return(ref _ints);
            if (_tmp.Length > 0)
            {
                ArrayPool<T>.Shared.Return(_tmp, clearArray: !typeof(T).IsValueType);
                _tmp = [];
            }
        }
    }

    private void DecodePages(ReadOnlySpan<byte> chunk, long chunkOffset)
    {
        var rows = _rows;
        var pos = 0;
        Span<short> stack = stackalloc short[32];
        while (_row < rows)
        {
            if (pos >= chunk.Length)
            {
                throw new ParquetException($"column chunk ended after {_row} of {rows} values", chunkOffset + pos);
            }

            var r = new ThriftCompactReader(chunk[pos..], chunkOffset + pos, stack);
            var header = PageHeader.Read(ref r);
            pos += r.Position;
            var dataOffset = chunkOffset + pos;
            if (header.CompressedPageSize < 0 || header.CompressedPageSize > chunk.Length - pos)
            {
                throw new ParquetException($"page of {header.CompressedPageSize} bytes runs past the end of the column chunk ({chunk.Length - pos} bytes left)", dataOffset);
            }

            if (header.UncompressedPageSize is < 0 or > MaxPageSize)
            {
                throw new ParquetException($"page uncompressed size {header.UncompressedPageSize} out of range", dataOffset);
            }

            var raw = chunk.Slice(pos, header.CompressedPageSize);
            pos += header.CompressedPageSize;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    ReadDictionary(header, raw, dataOffset);
                    break;
                case PageType.DataPage:
                    ReadDataPageV1(header, raw, dataOffset);
                    break;
                case PageType.DataPageV2:
                    ReadDataPageV2(header, raw, dataOffset);
                    break;
                default:
                    break;
            }
        }
    }

    private void ReadDictionary(PageHeader header, ReadOnlySpan<byte> raw, long offset)
    {
        var h = header.DictionaryPage ?? throw new ParquetException("dictionary page without its header", offset);
        if (h.Encoding is not (PageEncoding.Plain or PageEncoding.PlainDictionary))
        {
            throw new ParquetException($"unsupported dictionary page encoding {h.Encoding}", offset);
        }

        if (h.NumValues < 0 || h.NumValues > header.UncompressedPageSize * 8L + 8)
        {
            throw new ParquetException($"dictionary of {h.NumValues} entries does not fit its page", offset);
        }

        var body = Decompress(raw, header.UncompressedPageSize, offset);
        var dict = new T[h.NumValues];
        _reader.Decode(PageEncoding.Plain, body, dict, offset);
        _dictionary = dict;
    }

    private void ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> raw, long offset)
    {
        var h = header.DataPage ?? throw new ParquetException("data page without its header", offset);
        var n = CheckCount(h.NumValues, offset);
        ReadOnlySpan<byte> body = Decompress(raw, header.UncompressedPageSize, offset);
        var nulls = 0;
        if (_nulls is not null)
        {
            if (h.DefinitionLevelEncoding != PageEncoding.Rle)
            {
                throw new ParquetException($"unsupported definition level encoding {h.DefinitionLevelEncoding}", offset);
            }

            if (body.Length < 4)
            {
                throw new ParquetException("data page too short for its definition levels", offset);
            }

            var len = BitConverter.ToInt32(body);
            if (len < 0 || len > body.Length - 4)
            {
                throw new ParquetException($"definition levels of {len} bytes run past the end of the page", offset);
            }

            nulls = ReadLevels(body.Slice(4, len), n, offset + 4);
            body = body[(4 + len)..];
        }

        ReadValues(h.Encoding, body, n, nulls, offset);
    }

    private void ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> raw, long offset)
    {
        var h = header.DataPageV2 ?? throw new ParquetException("data page v2 without its header", offset);
        var n = CheckCount(h.NumValues, offset);
        if (h.RepetitionLevelsByteLength != 0)
        {
            throw new ParquetException("repetition levels in a flat column: repeated columns are not supported", offset);
        }

        var levelsLength = h.DefinitionLevelsByteLength;
        if (levelsLength < 0 || levelsLength > raw.Length || levelsLength > header.UncompressedPageSize)
        {
            throw new ParquetException($"definition levels of {levelsLength} bytes run past the end of the page", offset);
        }

        var nulls = 0;
        if (_nulls is not null)
        {
            nulls = ReadLevels(raw[..levelsLength], n, offset);
        }

        var values = raw[levelsLength..];
        var valuesSize = header.UncompressedPageSize - levelsLength;
        ReadOnlySpan<byte> body = h.IsCompressed ? Decompress(values, valuesSize, offset + levelsLength) : values;
        ReadValues(h.Encoding, body, n, nulls, offset + levelsLength);
    }

    private int CheckCount(int n, long offset)
    {
        if (n < 0 || n > _rows - _row)
        {
            throw new ParquetException($"page holds {n} values but only {_rows - _row} rows of the row group remain", offset);
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadLevels(ReadOnlySpan<byte> levels, int n, long offset)
    {
        Ensure(ref _ints, n);
        Span<int> scratch = stackalloc int[8];
        var decoder = new RleBitPackedHybridDecoder(levels, 1, offset, scratch);
        var defs = _ints.AsSpan(0, n);
        decoder.Read(defs);
        var nulls = _nulls.AsSpan(_row, n);
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            var isNull = defs[i] == 0;
            nulls[i] = isNull;
            count += isNull ? 1 : 0;
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadValues(PageEncoding encoding, ReadOnlySpan<byte> body, int n, int nulls, long offset)
    {
        var present = n - nulls;
        Span<T> target;
        if (nulls == 0)
        {
            target = _values.AsSpan(_row, n);
        }
        else
        {
            if (_tmp.Length < present)
            {
                if (_tmp.Length > 0)
                {
                    ArrayPool<T>.Shared.Return(_tmp, clearArray: !typeof(T).IsValueType);
                }

                _tmp = ArrayPool<T>.Shared.Rent(Math.Max(present, 1024));
            }

            target = _tmp.AsSpan(0, present);
        }

        if (present > 0)
        {
            if (encoding is PageEncoding.RleDictionary or PageEncoding.PlainDictionary)
            {
                ReadDictionaryIndices(body, target, offset);
            }
            else
            {
                _reader.Decode(encoding, body, target, offset);
            }
        }

        if (nulls > 0)
        {
            var dest = _values.AsSpan(_row, n);
            var mask = _nulls.AsSpan(_row, n);
            var j = 0;
            for (var i = 0; i < n; i++)
            {
                if (!mask[i])
                {
                    dest[i] = target[j++];
                }
            }
        }

        _row += n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadDictionaryIndices(ReadOnlySpan<byte> body, Span<T> target, long offset)
    {
        var dict = _dictionary ?? throw new ParquetException("dictionary-encoded page without a dictionary page", offset);
        if (body.IsEmpty)
        {
            throw new ParquetException("dictionary-encoded page has no bit width", offset);
        }

        int width = body[0];
        Ensure(ref _ints, target.Length);
        Span<int> scratch = stackalloc int[8];
        var decoder = new RleBitPackedHybridDecoder(body[1..], width, offset + 1, scratch);
        var ids = _ints.AsSpan(0, target.Length);
        decoder.Read(ids);
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if ((uint)id >= (uint)dict.Length)
            {
                throw new ParquetException($"dictionary index {id} out of range (dictionary holds {dict.Length} entries)", offset);
            }

            target[i] = dict[id];
        }
    }

    private Span<byte> Decompress(ReadOnlySpan<byte> raw, int size, long offset)
    {
        if (size < 0)
        {
            throw new ParquetException($"page uncompressed size {size} is negative", offset);
        }

        if (_codec == CompressionCodec.Uncompressed)
        {
            if (raw.Length != size)
            {
                throw new ParquetException($"uncompressed page holds {raw.Length} bytes, header says {size}", offset);
            }
        }

        Ensure(ref _page, size);
        var dest = _page.AsSpan(0, size);
        PageCompressor.Decompress(_codec, raw, dest, offset);
        return dest;
    }

    private static void Ensure<TItem>(ref TItem[] array, int size)
    {
        if (array.Length >= size)
        {
            return;
        }

        if (array.Length > 0)
        {
            ArrayPool<TItem>.Shared.Return(array);
        }

        array = ArrayPool<TItem>.Shared.Rent(Math.Max(size, 4096));
    }

    private static void Return<TItem>(ref TItem[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<TItem>.Shared.Return(array);
            array = [];
        }
    }
}
