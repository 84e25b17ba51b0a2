using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Obrador.Parquet.Encodings;
using Obrador.Parquet.Meta;

namespace Obrador.Parquet.Writing;

/// <summary>
/// Writer for BYTE_ARRAY columns (STRING as UTF-8, and raw binary). Starts with dictionary encoding (Encodings.md,
/// "Dictionary Encoding (PLAIN_DICTIONARY = 2 and RLE_DICTIONARY = 8)": a PLAIN dictionary page, data pages of
/// bit-width byte + RLE/bit-packed indices) and falls back to PLAIN (4-byte little-endian length + bytes) for the rest
/// of the chunk once the dictionary exceeds <see cref="ParquetWriteOptions.DictionaryPageSizeLimit"/>. Statistics use
/// unsigned byte-wise order of the encoded bytes; a dictionary page's are taken over the distinct entries it uses.
/// </summary>
internal sealed class ByteArrayColumnWriter : ColumnChunkWriter
{
    private readonly ByteBuffer _plain = new();
    private readonly ByteBuffer _dictionary = new();
    private readonly Dictionary<string, int> _stringIds = new(StringComparer.Ordinal);
    private readonly Dictionary<byte[], int> _binaryIds = new(ByteArrayComparer.Instance);
    private readonly List<int> _indices = [];
    private readonly List<int> _entryStarts = [];
    private byte[] _scratch = new byte[256];
    private bool _dictionaryMode;
    private int _dictionaryCount;
    // The page's running min and max, copied into reused buffers (a new array per new extreme would allocate once per
    // value for increasing keys and payloads); -1 = none yet.
    private byte[] _min = new byte[64];
    private byte[] _max = new byte[64];
    private int _minLength = -1;
    private int _maxLength = -1;

    public ByteArrayColumnWriter(ParquetField field, ParquetWriteOptions options)
        : base(field, options)
    {
        _dictionaryMode = options.DictionaryEncoding;
    }

    public override PhysicalType PhysicalType => PhysicalType.ByteArray;

    protected override int PageValueBytes => _dictionaryMode ? _indices.Count * Math.Max(1, BitWidth) / 8 : _plain.Length;

    protected override int DictionaryBytes => _dictionary.Length;

    private int BitWidth => RleBitPackedHybridEncoder.BitWidth(Math.Max(0, _dictionaryCount - 1));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void AppendValues(Array values, int start, int count, ReadOnlySpan<bool> nulls)
    {
        var stats = Options.WriteStatistics;
        if (values is string?[] a)
        {
            for (var i = 0; i < count; i++)
            {
                if (!nulls.IsEmpty && nulls[i])
                {
                    continue;
                }

                var s = a[start + i]!;
                if (_dictionaryMode)
                {
                    ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_stringIds, s, out var exists);
                    if (!exists)
                    {
                        id = _dictionaryCount++;
                        _entryStarts.Add(_dictionary.Length);
                        AppendPlain(_dictionary, Encode(s));
                    }

                    _indices.Add(id);
                }
                else
                {
                    // Transcoded straight into the page buffer, after room for the length.
                    var span = _plain.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(s.Length));
                    var n = Encoding.UTF8.GetBytes(s, span[4..]);
                    BinaryPrimitives.WriteInt32LittleEndian(span, n);
                    _plain.Advance(4 + n);
                    if (stats)
                    {
                        Update(span.Slice(4, n));
                    }
                }
            }
        }
        else
        {
            // BINARY, or STRING given as UTF-8 bytes (ParquetUtf8Attribute).
            var bytes = (byte[]?[])values;
            for (var i = 0; i < count; i++)
            {
                if (!nulls.IsEmpty && nulls[i])
                {
                    continue;
                }

                var b = bytes[start + i]!;
                if (_dictionaryMode)
                {
                    ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_binaryIds, b, out var exists);
                    if (!exists)
                    {
                        id = _dictionaryCount++;
                        _entryStarts.Add(_dictionary.Length);
                        AppendPlain(_dictionary, b);
                    }

                    _indices.Add(id);
                }
                else
                {
                    AppendPlain(_plain, b);
                    if (stats)
                    {
                        Update(b);
                    }
                }
            }
        }
    }

    protected override void AfterSlice()
    {
        if (_dictionaryMode && _dictionary.Length > Options.DictionaryPageSizeLimit)
        {
            // Close the page while the dictionary still describes it, then continue PLAIN.
            CutPage();
            _dictionaryMode = false;
        }
    }

    protected override PageEncoding EncodePageValues(ByteBuffer body)
    {
        if (_indices.Count > 0)
        {
            var width = BitWidth;
            body.WriteByte((byte)width);
            RleBitPackedHybridEncoder.Encode(CollectionsMarshal.AsSpan(_indices), width, body);
            _indices.Clear();
            _minLength = _maxLength = -1;
            return PageEncoding.RleDictionary;
        }

        body.Write(_plain.Span);
        _plain.Clear();
        _minLength = _maxLength = -1;
        return PageEncoding.Plain;
    }

    protected override int EncodeDictionary(ByteBuffer body)
    {
        if (_dictionaryCount == 0)
        {
            return -1;
        }

        body.Write(_dictionary.Span);
        return _dictionaryCount;
    }

    protected override (byte[]? Min, byte[]? Max) PageMinMax()
    {
        if (_indices.Count > 0)
        {
            // A dictionary page: compare each distinct entry it uses once.
            var seen = new bool[_dictionaryCount];
            var dictionary = _dictionary.Span;
            foreach (var id in _indices)
            {
                if (!seen[id])
                {
                    seen[id] = true;
                    var start = _entryStarts[id];
                    Update(dictionary.Slice(start + 4, BinaryPrimitives.ReadInt32LittleEndian(dictionary[start..])));
                }
            }
        }

        return (_minLength < 0 ? null : _min.AsSpan(0, _minLength).ToArray(), _maxLength < 0 ? null : _max.AsSpan(0, _maxLength).ToArray());
    }

    protected override int CompareValues(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.SequenceCompareTo(b);

    protected override void ResetChunk()
    {
        _dictionaryMode = Options.DictionaryEncoding;
        _stringIds.Clear();
        _binaryIds.Clear();
        _dictionary.Clear();
        _dictionaryCount = 0;
        _entryStarts.Clear();
        _indices.Clear();
        _plain.Clear();
        _minLength = _maxLength = -1;
    }

    private ReadOnlySpan<byte> Encode(string s)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max > _scratch.Length)
        {
            _scratch = new byte[Math.Max(max, _scratch.Length * 2)];
        }

        var n = Encoding.UTF8.GetBytes(s, _scratch);
        return _scratch.AsSpan(0, n);
    }

    private static void AppendPlain(ByteBuffer buffer, ReadOnlySpan<byte> bytes)
    {
        var span = buffer.Grow(4 + bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, bytes.Length);
        bytes.CopyTo(span[4..]);
    }

    private void Update(ReadOnlySpan<byte> bytes)
    {
        if (_minLength < 0 || bytes.SequenceCompareTo(_min.AsSpan(0, _minLength)) < 0)
        {
            _minLength = CopyInto(ref _min, bytes);
        }

        if (_maxLength < 0 || bytes.SequenceCompareTo(_max.AsSpan(0, _maxLength)) > 0)
        {
            _maxLength = CopyInto(ref _max, bytes);
        }
    }

    private static int CopyInto(ref byte[] buffer, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > buffer.Length)
        {
            buffer = new byte[Math.Max(bytes.Length, buffer.Length * 2)];
        }

        bytes.CopyTo(buffer);
        return bytes.Length;
    }

    public override void Dispose()
    {
        _plain.Dispose();
        _dictionary.Dispose();
        base.Dispose();
    }
}
