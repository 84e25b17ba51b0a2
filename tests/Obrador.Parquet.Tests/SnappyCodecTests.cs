using Obrador.Parquet;
using Obrador.Parquet.Compression;

namespace Obrador.Parquet.Tests;

public sealed class SnappyCodecTests
{
    public static TheoryData<string, int> Inputs => new()
    {
        { "empty", 0 },
        { "tiny", 5 },
        { "text", 200_000 },
        { "random", 100_000 },
        { "runs", 300_000 },
        { "long-sequence", 70_000 },
    };

    private static byte[] Make(string kind, int length)
    {
        var rng = new Random(length + kind.Length);
        var data = new byte[length];
        switch (kind)
        {
            case "random":
                rng.NextBytes(data);
                break;
            case "runs":
                for (var i = 0; i < length; i++)
                {
                    data[i] = (byte)(i / 1000 % 7);
                }

                break;
            case "long-sequence":
                for (var i = 0; i < length; i++)
                {
                    data[i] = (byte)(i % 251);
                }

                break;
            default:
                var words = "the quick brown fox jumps over the lazy dog pão de queijo croissant baguette 12345 "u8.ToArray();
                for (var i = 0; i < length; i++)
                {
                    data[i] = words[(i * 7 + rng.Next(3)) % words.Length];
                }

                break;
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Compress_ThenReferenceDecoder_ReturnsInput(string kind, int length)
    {
        var data = Make(kind, length);
        var buffer = new byte[SnappyCodec.MaxCompressedLength(data.Length)];
        var n = SnappyCodec.Compress(data, buffer);
        Assert.Equal(data, IronSnappy.Snappy.Decode(buffer.AsSpan(0, n)));
        if (kind is "runs" or "long-sequence")
        {
            Assert.True(n < data.Length / 10, $"{kind} compressed to {n} of {data.Length} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Decompress_ReferenceEncoderOutput_ReturnsInput(string kind, int length)
    {
        var data = Make(kind, length);
        var compressed = IronSnappy.Snappy.Encode(data);
        var back = new byte[data.Length];
        SnappyCodec.Decompress(compressed, back, 0);
        Assert.Equal(data, back);
    }

    [Fact]
    public void Decompress_CorruptBackReference_ThrowsParquetException()
    {
        // Length 8, then a 2-byte-offset copy of 8 bytes from offset 5 with nothing written yet.
        byte[] bad = [8, 2 | (7 << 2), 5, 0];
        var ex = Assert.Throws<ParquetException>(() => SnappyCodec.Decompress(bad, new byte[8], 100));
        Assert.True(ex.Offset >= 100);
    }

    [Fact]
    public void Decompress_WrongDeclaredLength_ThrowsParquetException()
    {
        var compressed = IronSnappy.Snappy.Encode(new byte[50]);
        Assert.Throws<ParquetException>(() => SnappyCodec.Decompress(compressed, new byte[49], 0));
    }
}
