using System.Buffers.Binary;
using System.Text;

namespace Obrador.Lake.Storage.Internal;

/// <summary>
/// Compact typed binary encoding of an entity's properties for the SQLite adapter: a count, then per property its name,
/// a one-byte type tag and the value (little-endian; DateTimeOffset as UTC ticks, double as its IEEE bits), so every
/// supported type round-trips exactly.
/// </summary>
internal static class EntityCodec
{
    private enum Tag : byte
    {
        String = 1,
        Int32 = 2,
        Int64 = 3,
        Double = 4,
        Boolean = 5,
        DateTime = 6,
        Guid = 7,
        Binary = 8,
    }

    // BinaryWriter's own string encoding: UTF-8 that throws on a lone surrogate instead of replacing it.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes the non-null properties into one array of exactly the encoded size.</summary>
    /// <remarks>The layout is <see cref="System.IO.BinaryWriter"/>'s: 7-bit encoded counts and lengths, length-prefixed
    /// UTF-8 strings, little-endian numbers, <see cref="Guid.ToByteArray()"/> order; rows written by earlier versions,
    /// which used a <see cref="System.IO.BinaryWriter"/>, decode unchanged.</remarks>
    /// <exception cref="ArgumentException">A property has a type the Table service does not store, or a string holds a lone surrogate.</exception>
    public static byte[] Encode(IReadOnlyDictionary<string, object?> properties)
    {
        var count = 0;
        var size = 0;
        foreach (var (name, value) in properties)
        {
            if (value is null)
            {
                continue;
            }

            count++;
            size += StringSize(name) + 1 + value switch
            {
                string s => StringSize(s),
                int => 4,
                long or double or DateTimeOffset => 8,
                bool => 1,
                Guid => 16,
                byte[] b => VarIntSize(b.Length) + b.Length,
                _ => throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}.", nameof(properties)),
            };
        }

        var bytes = new byte[VarIntSize(count) + size];
        var span = bytes.AsSpan();
        var at = WriteVarInt(span, count);
        foreach (var (name, value) in properties)
        {
            if (value is null)
            {
                continue;
            }

            at += WriteString(span[at..], name);
            switch (value)
            {
                case string s:
                    span[at++] = (byte)Tag.String;
                    at += WriteString(span[at..], s);
                    break;
                case int i:
                    span[at++] = (byte)Tag.Int32;
                    BinaryPrimitives.WriteInt32LittleEndian(span[at..], i);
                    at += 4;
                    break;
                case long l:
                    span[at++] = (byte)Tag.Int64;
                    BinaryPrimitives.WriteInt64LittleEndian(span[at..], l);
                    at += 8;
                    break;
                case double d:
                    span[at++] = (byte)Tag.Double;
                    BinaryPrimitives.WriteDoubleLittleEndian(span[at..], d);
                    at += 8;
                    break;
                case bool b:
                    span[at++] = (byte)Tag.Boolean;
                    span[at++] = b ? (byte)1 : (byte)0;
                    break;
                case DateTimeOffset t:
                    span[at++] = (byte)Tag.DateTime;
                    BinaryPrimitives.WriteInt64LittleEndian(span[at..], t.UtcTicks);
                    at += 8;
                    break;
                case Guid g:
                    span[at++] = (byte)Tag.Guid;
                    g.TryWriteBytes(span[at..]);
                    at += 16;
                    break;
                case byte[] b:
                    span[at++] = (byte)Tag.Binary;
                    at += WriteVarInt(span[at..], b.Length);
                    b.CopyTo(span[at..]);
                    at += b.Length;
                    break;
            }
        }

        return bytes;
    }

    /// <summary>Decodes properties into <paramref name="entity"/>, keeping only <paramref name="select"/> when given.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an encoding this codec wrote.</exception>
    public static void Decode(byte[] data, TableEntity entity, IReadOnlyList<string>? select = null)
    {
        var r = new Reader(data);
        var count = r.VarInt();
        for (var i = 0; i < count; i++)
        {
            var name = r.String();
            object value = (Tag)r.Byte() switch
            {
                Tag.String => r.String(),
                Tag.Int32 => BinaryPrimitives.ReadInt32LittleEndian(r.Bytes(4)),
                Tag.Int64 => BinaryPrimitives.ReadInt64LittleEndian(r.Bytes(8)),
                Tag.Double => BinaryPrimitives.ReadDoubleLittleEndian(r.Bytes(8)),
                Tag.Boolean => r.Byte() != 0,
                Tag.DateTime => new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(r.Bytes(8)), TimeSpan.Zero),
                Tag.Guid => new Guid(r.Bytes(16)),
                Tag.Binary => r.Bytes(r.VarInt()).ToArray(),
                var t => throw new InvalidDataException($"Unknown property type tag {(byte)t} for '{name}'."),
            };
            if (select is null || select.Contains(name, StringComparer.Ordinal))
            {
                entity[name] = value;
            }
        }
    }

    private static int StringSize(string s)
    {
        var n = Utf8.GetByteCount(s);
        return VarIntSize(n) + n;
    }

    private static int WriteString(Span<byte> span, string s)
    {
        var at = WriteVarInt(span, Utf8.GetByteCount(s));
        return at + Utf8.GetBytes(s, span[at..]);
    }

    private static int VarIntSize(int value)
    {
        var size = 1;
        for (var v = (uint)value; v >= 0x80; v >>= 7)
        {
            size++;
        }

        return size;
    }

    private static int WriteVarInt(Span<byte> span, int value)
    {
        var at = 0;
        var v = (uint)value;
        for (; v >= 0x80; v >>= 7)
        {
            span[at++] = (byte)(v | 0x80);
        }

        span[at++] = (byte)v;
        return at;
    }

    /// <summary>Reads the encoding front to back; running past the end is an <see cref="InvalidDataException"/>.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public byte Byte() => Bytes(1)[0];

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (count < 0 || count > _data.Length - _at)
            {
                throw new InvalidDataException("Truncated entity encoding.");
            }

            var bytes = _data.Slice(_at, count);
            _at += count;
            return bytes;
        }

        /// <summary>A 7-bit encoded non-negative Int32, at most five bytes (<see cref="System.IO.BinaryReader.Read7BitEncodedInt"/>).</summary>
        public int VarInt()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Byte();
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return (int)value;
                }
            }

            throw new InvalidDataException("Malformed length in the entity encoding.");
        }

        public string String() => Encoding.UTF8.GetString(Bytes(VarInt()));
    }
}
