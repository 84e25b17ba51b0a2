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

    /// <summary>Encodes the non-null properties.</summary>
    public static byte[] Encode(IEnumerable<KeyValuePair<string, object?>> properties)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms))
        {
            var list = properties.Where(p => p.Value is not null).ToList();
            w.Write7BitEncodedInt(list.Count);
            foreach (var (name, value) in list)
            {
                w.Write(name);
                switch (value)
                {
                    case string s:
                        w.Write((byte)Tag.String);
                        w.Write(s);
                        break;
                    case int i:
                        w.Write((byte)Tag.Int32);
                        w.Write(i);
                        break;
                    case long l:
                        w.Write((byte)Tag.Int64);
                        w.Write(l);
                        break;
                    case double d:
                        w.Write((byte)Tag.Double);
                        w.Write(d);
                        break;
                    case bool b:
                        w.Write((byte)Tag.Boolean);
                        w.Write(b);
                        break;
                    case DateTimeOffset t:
                        w.Write((byte)Tag.DateTime);
                        w.Write(t.UtcTicks);
                        break;
                    case Guid g:
                        w.Write((byte)Tag.Guid);
                        w.Write(g.ToByteArray());
                        break;
                    case byte[] bytes:
                        w.Write((byte)Tag.Binary);
                        w.Write7BitEncodedInt(bytes.Length);
                        w.Write(bytes);
                        break;
                    default:
                        throw new ArgumentException($"Property '{name}' has unsupported type {value!.GetType().Name}.", nameof(properties));
                }
            }
        }

        return ms.ToArray();
    }

    /// <summary>Decodes properties into <paramref name="entity"/>, keeping only <paramref name="select"/> when given.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an encoding this codec wrote.</exception>
    public static void Decode(byte[] data, TableEntity entity, IReadOnlyList<string>? select = null)
    {
        using var r = new BinaryReader(new MemoryStream(data, writable: false));
        try
        {
            var count = r.Read7BitEncodedInt();
            for (var i = 0; i < count; i++)
            {
                var name = r.ReadString();
                object value = (Tag)r.ReadByte() switch
                {
                    Tag.String => r.ReadString(),
                    Tag.Int32 => r.ReadInt32(),
                    Tag.Int64 => r.ReadInt64(),
                    Tag.Double => r.ReadDouble(),
                    Tag.Boolean => r.ReadBoolean(),
                    Tag.DateTime => new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero),
                    Tag.Guid => new Guid(r.ReadBytes(16)),
                    Tag.Binary => r.ReadBytes(r.Read7BitEncodedInt()),
                    var t => throw new InvalidDataException($"Unknown property type tag {(byte)t} for '{name}'."),
                };
                if (select is null || select.Contains(name, StringComparer.Ordinal))
                {
                    entity[name] = value;
                }
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Truncated entity encoding.", e);
        }
    }
}
