using System.Buffers;
using System.Runtime.CompilerServices;
using Obrador.Parquet.Compression;
using Obrador.Parquet.Encodings;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Reading;

/// <summary>
/// Decodes one column chunk (a byte range holding an optional dictionary page and data pages v1/v2; format README
/// "Column chunks", "Data Pages") into physical values, a slice of rows at a time: <see cref="Read"/> fills the next
/// <c>dest.Length</c> rows and may stop inside a page, keeping the rest of that page for the next call. A page that
/// fits the slice is decoded straight into it. Every size and count is checked against the chunk and the row group,
/// so corrupt input raises <see cref="ParquetException"/>.
/// </summary>
internal sealed class ColumnChunkDecoder<T> : IDisposable
{
    private const int MaxPageSize = 1 << 30;
    private readonly CompressionCodec _codec;
    private readonly IValueReader<T> _reader;
    private readonly ReadOnlyMemory<byte> _chunk;
    private readonly long _chunkOffset;
    private readonly int _rows;
    private readonly bool _nullable;
    private byte[] _page = [];
    private int[] _ints = [];
    private T[] _tmp = [];
    private T[] _pending = [];
    private bool[] _pendingNulls = [];
    private T[]? _dictionary;
    private int _pos;
    private int _decoded;
    private int _pendingStart;
    private int _pendingEnd;

    /// <param name="chunk">The column chunk's bytes (kept until the decoder is disposed).</param>
    /// <param name="rows">Rows in the row group.</param>
    public ColumnChunkDecoder(LeafDescriptor leaf, CompressionCodec codec, IValueReader<T> reader, ReadOnlyMemory<byte> chunk, long chunkOffset, int rows)
    {
        _codec = codec;
        _reader = reader;
        _chunk = chunk;
        _chunkOffset = chunkOffset;
        _rows = rows;
        _nullable = leaf.Field.Nullable;
    }

    /// <summary>
    /// Fills the next <c>dest.Length</c> rows: values into <paramref name="dest"/> (the type's default at null rows) and,
    /// for a nullable column, the null mask into <paramref name="nulls"/> (same length; empty for a required column).
    /// </summary>
    public void Read(Span<T> dest, Span<bool> nulls)
    {
        var filled = 0;
        while (filled < dest.Length)
        {
            if (_pendingStart < _pendingEnd)
            {
                var take = Math.Min(_pendingEnd - _pendingStart, dest.Length - filled);
                _pending.AsSpan(_pendingStart, take).CopyTo(dest[filled..]);
                if (_nullable)
                {
                    _pendingNulls.AsSpan(_pendingStart, take).CopyTo(nulls[filled..]);
                }

                _pendingStart += take;
                filled += take;
                continue;
            }

            filled += NextPage(dest[filled..], _nullable ? nulls[filled..] : default);
        }
    }

    public void Dispose()
    {
        Return(ref _page);
        Return(ref _ints);
        Return(ref _tmp);
        Return(ref _pending);
        Return(ref _pendingNulls);
    }

    /// <summary>Reads pages up to and including the next data page; returns how many of <paramref name="dest"/>'s rows it filled (0 when the page went to the pending buffer).</summary>
    private int NextPage(Span<T> dest, Span<bool> nulls)
    {
        var chunk = _chunk.Span;
        Span<short> stack = stackalloc short[32];
        while (true)
        {
            if (_pos >= chunk.Length)
            {
                throw new ParquetException($"column chunk ended after {_decoded} of {_rows} values", _chunkOffset + _pos);
            }

            var r = new ThriftCompactReader(chunk[_pos..], _chunkOffset + _pos, stack);
            var header = PageHeader.Read(ref r);
            _pos += r.Position;
            var dataOffset = _chunkOffset + _pos;
            if (header.CompressedPageSize < 0 || header.CompressedPageSize > chunk.Length - _pos)
            {
                throw new ParquetException($"page of {header.CompressedPageSize} bytes runs past the end of the column chunk ({chunk.Length - _pos} bytes left)", dataOffset);
            }

            if (header.UncompressedPageSize is < 0 or > MaxPageSize)
            {
                throw new ParquetException($"page uncompressed size {header.UncompressedPageSize} out of range", dataOffset);
            }

            var raw = chunk.Slice(_pos, header.CompressedPageSize);
            _pos += header.CompressedPageSize;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    ReadDictionary(header, raw, dataOffset);
                    break;
                case PageType.DataPage:
                    {
                        var h = header.DataPage ?? throw new ParquetException("data page without its header", dataOffset);
                        var n = CheckCount(h.NumValues, dataOffset);
                        var direct = Target(dest, nulls, n, out var values, out var mask);
                        ReadDataPageV1(h, header.UncompressedPageSize, raw, values, mask, dataOffset);
                        return direct ? n : 0;
                    }

                case PageType.DataPageV2:
                    {
                        var h = header.DataPageV2 ?? throw new ParquetException("data page v2 without its header", dataOffset);
                        var n = CheckCount(h.NumValues, dataOffset);
                        var direct = Target(dest, nulls, n, out var values, out var mask);
                        ReadDataPageV2(h, header.UncompressedPageSize, raw, values, mask, dataOffset);
                        return direct ? n : 0;
                    }

                default:
                    break;
            }
        }
    }

    /// <summary>Where a page of <paramref name="n"/> rows is decoded: straight into the slice when it fits (returns true), else into the pending buffer.</summary>
    private bool Target(Span<T> dest, Span<bool> nulls, int n, out Span<T> values, out Span<bool> mask)
    {
        _decoded += n;
        if (n <= dest.Length)
        {
            values = dest[..n];
            mask = _nullable ? nulls[..n] : default;
            return true;
        }

        Ensure(ref _pending, n);
        if (_nullable)
        {
            Ensure(ref _pendingNulls, n);
        }

        _pendingStart = 0;
        _pendingEnd = n;
        values = _pending.AsSpan(0, n);
        mask = _nullable ? _pendingNulls.AsSpan(0, n) : default;
        return false;
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

    private void ReadDataPageV1(DataPageHeader h, int uncompressedSize, ReadOnlySpan<byte> raw, Span<T> dest, Span<bool> mask, long offset)
    {
        ReadOnlySpan<byte> body = Decompress(raw, uncompressedSize, offset);
        var nulls = 0;
        if (_nullable)
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

            nulls = ReadLevels(body.Slice(4, len), mask, offset + 4);
            body = body[(4 + len)..];
        }

        ReadValues(h.Encoding, body, dest, mask, nulls, offset);
    }

    private void ReadDataPageV2(DataPageHeaderV2 h, int uncompressedSize, ReadOnlySpan<byte> raw, Span<T> dest, Span<bool> mask, long offset)
    {
        if (h.RepetitionLevelsByteLength != 0)
        {
            throw new ParquetException("repetition levels in a flat column: repeated columns are not supported", offset);
        }

        var levelsLength = h.DefinitionLevelsByteLength;
        if (levelsLength < 0 || levelsLength > raw.Length || levelsLength > uncompressedSize)
        {
            throw new ParquetException($"definition levels of {levelsLength} bytes run past the end of the page", offset);
        }

        var nulls = 0;
        if (_nullable)
        {
            nulls = ReadLevels(raw[..levelsLength], mask, offset);
        }

        var values = raw[levelsLength..];
        var valuesSize = uncompressedSize - levelsLength;
        ReadOnlySpan<byte> body = h.IsCompressed ? Decompress(values, valuesSize, offset + levelsLength) : values;
        ReadValues(h.Encoding, body, dest, mask, nulls, offset + levelsLength);
    }

    private int CheckCount(int n, long offset)
    {
        if (n < 0 || n > _rows - _decoded)
        {
            throw new ParquetException($"page holds {n} values but only {_rows - _decoded} rows of the row group remain", offset);
        }

        return n;
    }

    /// <summary>Decodes the definition levels (max level 1) into <paramref name="mask"/>; returns the null count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadLevels(ReadOnlySpan<byte> levels, Span<bool> mask, long offset)
    {
        var n = mask.Length;
        Ensure(ref _ints, n);
        Span<int> scratch = stackalloc int[8];
        var decoder = new RleBitPackedHybridDecoder(levels, 1, offset, scratch);
        var defs = _ints.AsSpan(0, n);
        decoder.Read(defs);
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            var isNull = defs[i] == 0;
            mask[i] = isNull;
            count += isNull ? 1 : 0;
        }

        return count;
    }

    /// <summary>Decodes the page's non-null values and spreads them over the rows of <paramref name="dest"/> (default at null rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadValues(PageEncoding encoding, ReadOnlySpan<byte> body, Span<T> dest, Span<bool> mask, int nulls, long offset)
    {
        var present = dest.Length - nulls;
        Span<T> target;
        if (nulls == 0)
        {
            target = dest;
        }
        else
        {
            Ensure(ref _tmp, present);
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
            var j = 0;
            for (var i = 0; i < dest.Length; i++)
            {
                dest[i] = mask[i] ? default! : target[j++];
            }
        }
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
        if (_codec == CompressionCodec.Uncompressed && raw.Length != size)
        {
            throw new ParquetException($"uncompressed page holds {raw.Length} bytes, header says {size}", offset);
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

        Return(ref array);
        array = ArrayPool<TItem>.Shared.Rent(Math.Max(size, 4096));
    }

    private static void Return<TItem>(ref TItem[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<TItem>.Shared.Return(array, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<TItem>());
            array = [];
        }
    }
}
