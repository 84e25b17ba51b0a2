using System.Buffers.Binary;
using System.Text;

namespace Obrador.Parquet.Meta;

/// <summary>
/// Reads Thrift compact-protocol structs from a byte span: zigzag varints, field headers with id deltas, lists, and
/// skipping of unknown fields so newer writers' additions are ignored. Every malformed input raises
/// <see cref="ParquetException"/> with the absolute file offset (source: Thrift compact protocol specification).
/// </summary>
internal ref struct ThriftCompactReader
{
    private const int MaxDepth = 32;
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private int _pos;
    private short _lastFieldId;
    private Span<short> _fieldStack;
    private int _depth;
    private bool _pendingBool;

    public ThriftCompactReader(ReadOnlySpan<byte> data, long baseOffset, Span<short> fieldStack)
    {
        _data = data;
        _baseOffset = baseOffset;
        _fieldStack = fieldStack;
        _pos = 0;
        _lastFieldId = 0;
        _depth = 0;
        _pendingBool = false;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _pos;

    public readonly long FileOffset => _baseOffset + _pos;

    public void BeginStruct()
    {
        if (_depth >= MaxDepth || _depth >= _fieldStack.Length)
        {
            throw Error("Thrift structure nested too deeply");
        }

        _fieldStack[_depth++] = _lastFieldId;
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        _lastFieldId = _fieldStack[--_depth];
    }

    /// <summary>Reads the next field header; returns false at the struct's stop byte.</summary>
    public bool ReadField(out short id, out CompactType type)
    {
        var b = ReadByte();
        type = (CompactType)(b & 0x0F);
        if (type == CompactType.Stop)
        {
            id = 0;
            return false;
        }

        var delta = b >> 4;
        id = delta != 0 ? (short)(_lastFieldId + delta) : (short)ZigZag32(ReadVarint());
        _lastFieldId = id;
        if (type == CompactType.BooleanTrue || type == CompactType.BooleanFalse)
        {
            _pendingBool = type == CompactType.BooleanTrue;
        }
        else if (type > CompactType.Struct)
        {
            throw Error($"unknown Thrift compact type {(int)type}");
        }

        return true;
    }

    public bool ReadBool(CompactType type)
    {
        if (type == CompactType.BooleanTrue || type == CompactType.BooleanFalse)
        {
            return _pendingBool;
        }

        // Inside lists booleans are one byte each.
        return ReadByte() == 1;
    }

    public int ReadI32() => ZigZag32(ReadVarint());

    public long ReadI64() => ZigZag64(ReadVarint());

    public double ReadDouble()
    {
        var span = Take(8);
        return BinaryPrimitives.ReadDoubleLittleEndian(span);
    }

    public ReadOnlySpan<byte> ReadBinary()
    {
        var len = ReadVarint();
        if (len > int.MaxValue)
        {
            throw Error("Thrift binary length out of range");
        }

        return Take((int)len);
    }

    public string ReadString()
    {
        var bytes = ReadBinary();
        return Encoding.UTF8.GetString(bytes);
    }

    public int ReadListHeader(out CompactType elementType)
    {
        var b = ReadByte();
        elementType = (CompactType)(b & 0x0F);
        long size = b >> 4;
        if (size == 15)
        {
            size = (long)ReadVarint();
        }

        // Each element takes at least one byte, so a count larger than what remains is corrupt.
        if (size < 0 || size > _data.Length - _pos + 1)
        {
            throw Error($"Thrift list size {size} exceeds the remaining {_data.Length - _pos} bytes");
        }

        return (int)size;
    }

    /// <summary>Skips one value of the given type (used for unknown fields).</summary>
    public void Skip(CompactType type)
    {
        switch (type)
        {
            case CompactType.BooleanTrue:
            case CompactType.BooleanFalse:
                return;
            case CompactType.Byte:
                ReadByte();
                return;
            case CompactType.I16:
            case CompactType.I32:
            case CompactType.I64:
                ReadVarint();
                return;
            case CompactType.Double:
                Take(8);
                return;
            case CompactType.Binary:
                ReadBinary();
                return;
            case CompactType.List:
            case CompactType.Set:
                {
                    var n = ReadListHeader(out var et);
                    for (var i = 0; i < n; i++)
                    {
                        SkipElement(et);
                    }

                    return;
                }

            case CompactType.Map:
                {
                    var n = (long)ReadVarint();
                    if (n == 0)
                    {
                        return;
                    }

                    if (n > _data.Length - _pos)
                    {
                        throw Error("Thrift map size out of range");
                    }

                    var kv = ReadByte();
                    for (var i = 0; i < n; i++)
                    {
                        SkipElement((CompactType)(kv >> 4));
                        SkipElement((CompactType)(kv & 0x0F));
                    }

                    return;
                }

            case CompactType.Struct:
                SkipStruct();
                return;
            default:
                throw Error($"unknown Thrift compact type {(int)type}");
        }
    }

    public void SkipStruct()
    {
        BeginStruct();
        while (ReadField(out _, out var t))
        {
            Skip(t);
        }

        EndStruct();
    }

    private void SkipElement(CompactType type)
    {
        if (type == CompactType.BooleanTrue || type == CompactType.BooleanFalse)
        {
            ReadByte();
            return;
        }

        Skip(type);
    }

    public byte ReadByte()
    {
        if (_pos >= _data.Length)
        {
            throw Error("unexpected end of Thrift data");
        }

        return _data[_pos++];
    }

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || n > _data.Length - _pos)
        {
            throw Error($"Thrift value of {n} bytes runs past the end of the data");
        }

        var s = _data.Slice(_pos, n);
        _pos += n;
        return s;
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Error("Thrift varint longer than 10 bytes");
    }

    private static int ZigZag32(ulong v) => (int)((uint)v >> 1) ^ -(int)((uint)v & 1);

    private static long ZigZag64(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    public readonly ParquetException Error(string message) =>
        new($"corrupt metadata: {message}", _baseOffset + _pos);
}
