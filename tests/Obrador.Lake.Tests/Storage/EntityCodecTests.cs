using System.Text;
using Obrador.Lake.Storage;
using Obrador.Lake.Storage.Internal;
using Xunit;

namespace Obrador.Lake.Tests.Storage;

/// <summary>The SQLite adapter's property encoding: exact round trips, the stored layout, and malformed input.</summary>
public sealed class EntityCodecTests
{
    [Fact]
    public void Every_supported_type_round_trips_exactly()
    {
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var entity = new TableEntity("p", "r")
        {
            ["Text"] = "año 2026 — 12 € 𝄞",
            ["Empty"] = "",
            ["Int"] = int.MinValue,
            ["Long"] = long.MaxValue,
            ["Double"] = -0.0,
            ["NaN"] = double.NaN,
            ["Infinity"] = double.NegativeInfinity,
            ["True"] = true,
            ["False"] = false,
            ["When"] = new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.FromHours(1)),
            ["Id"] = guid,
            ["Bytes"] = Enumerable.Range(0, 65_536).Select(i => (byte)i).ToArray(),
            ["NoBytes"] = Array.Empty<byte>(),
            ["Missing"] = null,
        };

        var decoded = new TableEntity("p", "r");
        EntityCodec.Decode(EntityCodec.Encode(entity.Properties), decoded);

        Assert.Equal(13, decoded.Properties.Count);
        Assert.False(decoded.Properties.ContainsKey("Missing"));
        Assert.Equal("año 2026 — 12 € 𝄞", decoded["Text"]);
        Assert.Equal("", decoded["Empty"]);
        Assert.Equal(int.MinValue, decoded["Int"]);
        Assert.Equal(long.MaxValue, decoded["Long"]);
        Assert.True(double.IsNegative((double)decoded["Double"]!));
        Assert.True(double.IsNaN((double)decoded["NaN"]!));
        Assert.Equal(double.NegativeInfinity, decoded["Infinity"]);
        Assert.Equal(true, decoded["True"]);
        Assert.Equal(false, decoded["False"]);

        // Stored as UTC ticks: the same instant, offset zero.
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero), decoded["When"]);
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)decoded["When"]!).Offset);
        Assert.Equal(guid, decoded["Id"]);
        Assert.Equal((byte[])entity["Bytes"]!, (byte[])decoded["Bytes"]!);
        Assert.Empty((byte[])decoded["NoBytes"]!);
    }

    [Fact]
    public void Select_keeps_only_the_named_properties()
    {
        var entity = new TableEntity("p", "r") { ["A"] = 1, ["B"] = "two", ["C"] = 3.0 };

        var decoded = new TableEntity("p", "r");
        EntityCodec.Decode(EntityCodec.Encode(entity.Properties), decoded, ["C", "A", "Absent"]);

        Assert.Equal(["A", "C"], decoded.Properties.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Rows already in a database were written by a <see cref="BinaryWriter"/>: the encoder must produce the same bytes,
    /// checked over generated entities of every type, with strings and binaries long enough for multi-byte lengths.
    /// </summary>
    [Fact]
    public void Encoding_is_byte_for_byte_the_BinaryWriter_layout_rows_were_stored_in()
    {
        var rng = new Random(20261122);
        for (var n = 0; n < 500; n++)
        {
            var entity = new TableEntity("p", "r");
            var count = rng.Next(0, 12);
            for (var i = 0; i < count; i++)
            {
                entity["P" + i + new string('x', rng.Next(0, 200))] = RandomValue(rng);
            }

            Assert.Equal(WrittenByBinaryWriter(entity.Properties), EntityCodec.Encode(entity.Properties));
        }
    }

    [Fact]
    public void Every_truncation_of_an_encoding_is_reported_as_invalid_data()
    {
        var entity = new TableEntity("p", "r")
        {
            ["Name"] = "bakery",
            ["Units"] = 12.5,
            ["At"] = DateTimeOffset.UnixEpoch,
            ["Id"] = Guid.NewGuid(),
            ["Blob"] = new byte[300],
            ["Flag"] = true,
        };
        var bytes = EntityCodec.Encode(entity.Properties);

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => EntityCodec.Decode(bytes[..length], new TableEntity("p", "r")));
        }
    }

    [Fact]
    public void An_unknown_type_tag_is_invalid_data()
    {
        var bytes = EntityCodec.Encode(new TableEntity("p", "r") { ["A"] = 1 }.Properties);
        bytes[3] = 42; // count (1), name length (1), 'A', then the tag

        var e = Assert.Throws<InvalidDataException>(() => EntityCodec.Decode(bytes, new TableEntity("p", "r")));
        Assert.Contains("42", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_values_are_refused_as_arguments()
    {
        Assert.Throws<ArgumentException>(() => EntityCodec.Encode(new Dictionary<string, object?> { ["F"] = 1.5f }));
        Assert.ThrowsAny<ArgumentException>(() => EntityCodec.Encode(new TableEntity("p", "r") { ["S"] = "lone \ud800 surrogate" }.Properties));
    }

    private static object? RandomValue(Random rng) => rng.Next(9) switch
    {
        0 => new string((char)rng.Next('a', 'z'), rng.Next(0, 300)) + "ñ€𝄞",
        1 => rng.Next(int.MinValue, int.MaxValue),
        2 => rng.NextInt64(long.MinValue, long.MaxValue),
        3 => rng.NextDouble() * 1e6 - 5e5,
        4 => rng.Next(2) == 0,
        5 => new DateTimeOffset(rng.NextInt64(0, DateTime.MaxValue.Ticks), TimeSpan.Zero),
        6 => new Guid(Enumerable.Range(0, 16).Select(_ => (byte)rng.Next(256)).ToArray()),
        7 => Enumerable.Range(0, rng.Next(0, 20_000)).Select(_ => (byte)rng.Next(256)).ToArray(),
        _ => null,
    };

    /// <summary>The layout as the earlier encoder wrote it, with <see cref="BinaryWriter"/>.</summary>
    private static byte[] WrittenByBinaryWriter(IReadOnlyDictionary<string, object?> properties)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, new UTF8Encoding(false, true)))
        {
            var present = properties.Where(p => p.Value is not null).ToList();
            w.Write7BitEncodedInt(present.Count);
            foreach (var (name, value) in present)
            {
                w.Write(name);
                switch (value)
                {
                    case string s: w.Write((byte)1); w.Write(s); break;
                    case int i: w.Write((byte)2); w.Write(i); break;
                    case long l: w.Write((byte)3); w.Write(l); break;
                    case double d: w.Write((byte)4); w.Write(d); break;
                    case bool b: w.Write((byte)5); w.Write(b); break;
                    case DateTimeOffset t: w.Write((byte)6); w.Write(t.UtcTicks); break;
                    case Guid g: w.Write((byte)7); w.Write(g.ToByteArray()); break;
                    case byte[] bytes: w.Write((byte)8); w.Write7BitEncodedInt(bytes.Length); w.Write(bytes); break;
                }
            }
        }

        return ms.ToArray();
    }
}
