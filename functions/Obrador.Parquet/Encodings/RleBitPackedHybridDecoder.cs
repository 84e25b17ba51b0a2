using System.Runtime.CompilerServices;
namespace Obrador.Parquet.Encodings;

/// <summary>
/// Reads the RLE/bit-packed hybrid encoding (Encodings.md, "Run Length Encoding / Bit-Packing Hybrid (RLE = 3)")
/// for bit widths 0..32. Corrupt headers or runs that pass the end of the data raise <see cref="ParquetException"/>
/// with the absolute offset.
/// </summary>
internal ref struct RleBitPackedHybridDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _bitWidth;
    private readonly long _baseOffset;
    private int _pos;
    private int _rleRemaining;
    private int _rleValue;
    private int _packedRemaining;
    private int _packedIndex;
    private Span<int> _packed;

    public RleBitPackedHybridDecoder(ReadOnlySpan<byte> data, int bitWidth, long baseOffset, Span<int> scratch8)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new ParquetException($"RLE bit width {bitWidth} out of range 0..32", baseOffset);
        }

        _data = data;
        _bitWidth = bitWidth;
        _baseOffset = baseOffset;
        _pos = 0;
        _rleRemaining = 0;
        _rleValue = 0;
        _packedRemaining = 0;
        _packedIndex = 0;
        _packed = scratch8;
    }

    /// <summary>Fills <paramref name="dest"/> completely.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(Span<int> dest)
    {
        var o = 0;
        while (o < dest.Length)
        {
            if (_rleRemaining > 0)
            {
                var n = Math.Min(_rleRemaining, dest.Length - o);
                dest.Slice(o, n).Fill(_rleValue);
                o += n;
                _rleRemaining -= n;
                continue;
            }

            if (_packedRemaining > 0)
            {
                // Whole groups straight into the destination when possible.
                if (_packedIndex == 8 && dest.Length - o >= 8 && _packedRemaining >= 8)
                {
                    var groups = Math.Min((dest.Length - o) / 8, _packedRemaining / 8);
                    var bytes = groups * _bitWidth;
                    BitPacking.Unpack32(_data.Slice(_pos, bytes), _bitWidth, dest.Slice(o, groups * 8), groups * 8);
                    _pos += bytes;
                    o += groups * 8;
                    _packedRemaining -= groups * 8;
                    continue;
                }

                if (_packedIndex == 8)
                {
                    BitPacking.Unpack32(_data.Slice(_pos, _bitWidth), _bitWidth, _packed, 8);
                    _pos += _bitWidth;
                    _packedIndex = 0;
                }

                while (_packedIndex < 8 && o < dest.Length && _packedRemaining > 0)
                {
                    dest[o++] = _packed[_packedIndex++];
                    _packedRemaining--;
                }

                if (_packedRemaining > 0 && _packedIndex == 8)
                {
                    continue;
                }

                if (_packedRemaining == 0)
                {
                    _packedIndex = 8;
                }

                continue;
            }

            NextRun();
        }
    }

    /// <summary>Bytes consumed so far (meaningful after the last run was read).</summary>
    public readonly int Position => _pos;

    private void NextRun()
    {
        if (_pos >= _data.Length)
        {
            throw new ParquetException("RLE/bit-packed data ended before all values were read", _baseOffset + _pos);
        }

        var header = ReadVarint();
        if ((header & 1) == 0)
        {
            var count = header >> 1;
            if (count == 0 || count > int.MaxValue)
            {
                throw new ParquetException($"RLE run length {count} is invalid", _baseOffset + _pos);
            }

            var width = (_bitWidth + 7) / 8;
            if (_pos + width > _data.Length)
            {
                throw new ParquetException("RLE run value runs past the end of the data", _baseOffset + _pos);
            }

            var v = 0;
            for (var b = 0; b < width; b++)
            {
                v |= _data[_pos + b] << (8 * b);
            }

            _pos += width;
            _rleValue = v;
            _rleRemaining = (int)count;
        }
        else
        {
            var groups = header >> 1;
            var bytes = groups * (ulong)_bitWidth;
            if (groups == 0 || (ulong)_pos + bytes > (ulong)_data.Length)
            {
                // Writers may truncate the last bit-packed run; accept what is physically present.
                var available = (_data.Length - _pos) / Math.Max(_bitWidth, 1);
                if (groups == 0 || available <= 0)
                {
                    throw new ParquetException($"bit-packed run of {groups} groups runs past the end of the data", _baseOffset + _pos);
                }

                groups = (ulong)available;
            }

            _packedRemaining = (int)Math.Min(groups * 8, int.MaxValue);
            _packedIndex = 8;
        }
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (_pos >= _data.Length)
            {
                throw new ParquetException("RLE header varint truncated", _baseOffset + _pos);
            }

            var b = _data[_pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ParquetException("RLE header varint too long", _baseOffset + _pos);
    }
}
