using System.Buffers.Binary;
using Obrador.Parquet;
using Obrador.Parquet.Encodings;

namespace Obrador.Parquet.Tests;

public sealed class EncodingTests
{
    [Theory]
    [InlineData(1, 1000, 0.5)]
    [InlineData(1, 5000, 0.01)]
    [InlineData(3, 777, 0.3)]
    [InlineData(8, 2000, 0.9)]
    [InlineData(13, 1001, 0.2)]
    [InlineData(20, 64, 1.0)]
    [InlineData(32, 100, 0.5)]
    public void RleHybrid_RoundTrip_ReturnsValues(int bitWidth, int count, double changeProbability)
    {
        var rng = new Random(bitWidth * count);
        var max = bitWidth == 32 ? int.MaxValue : (1 << bitWidth) - 1;
        var values = new int[count];
        var current = 0;
        for (var i = 0; i < count; i++)
        {
            if (rng.NextDouble() < changeProbability)
            {
                current = rng.Next(0, max) + (rng.Next(2) == 0 ? 0 : 1);
            }

            values[i] = current;
        }

        using var buffer = new ByteBuffer();
        RleBitPackedHybridEncoder.Encode(values, bitWidth, buffer);
        var back = new int[count];
        Span<int> scratch = stackalloc int[8];
        new RleBitPackedHybridDecoder(buffer.Span, bitWidth, 0, scratch).Read(back);
        Assert.Equal(values, back);
    }

    [Fact]
    public void RleHybrid_TruncatedData_ThrowsParquetException()
    {
        using var buffer = new ByteBuffer();
        RleBitPackedHybridEncoder.Encode(Enumerable.Range(0, 100).Select(i => i % 5).ToArray(), 3, buffer);
        var truncated = buffer.Span[..10].ToArray();
        Assert.Throws<ParquetException>(() =>
        {
            Span<int> scratch = stackalloc int[8];
            new RleBitPackedHybridDecoder(truncated, 3, 0, scratch).Read(new int[100]);
        });
    }

    [Fact]
    public void DeltaBinaryPacked_HandBuiltExample_Decodes()
    {
        // Encodings.md example 2 shape: block 128, 4 miniblocks, 5 values 7, 5, 3, 1, 2 → first 7, deltas -2 -2 -2 1,
        // min delta -2, so packed deltas 0 0 0 3 with bit width 2 in the first miniblock (8 bytes for 32 values).
        var bytes = new List<byte> { 0x80, 0x01, 0x04, 0x05, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00 };
        bytes.AddRange([0xC0, 0, 0, 0, 0, 0, 0, 0]);
        var dest = new long[5];
        var n = DeltaBinaryPackedDecoder.Decode(bytes.ToArray(), 0, dest, out _);
        Assert.Equal(5, n);
        Assert.Equal([7L, 5, 3, 1, 2], dest);
    }

    [Fact]
    public void DeltaByteArray_HandBuiltValues_Decode()
    {
        // Values "apple", "applesauce", "apply": prefixes 0 5 4, suffixes "apple" "sauce" "y".
        var data = new List<byte>();
        data.AddRange(Dbp(0, 5, 4));
        data.AddRange(Dbp(5, 5, 1));
        data.AddRange("applesaucey"u8.ToArray());
        var dest = new string?[3];
        ByteArrayDecoder.Delta(data.ToArray(), dest.AsSpan(), 0, default(Utf8StringFactory));
        Assert.Equal(new[] { "apple", "applesauce", "apply" }, dest.Select(s => s!).ToArray());
    }

    [Fact]
    public void ByteStreamSplit_Doubles_Reassembled()
    {
        double[] values = [1.5, -2.25, double.NaN, 1e300];
        var plain = new byte[32];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(plain.AsSpan(i * 8), values[i]);
        }

        var split = new byte[32];
        for (var i = 0; i < 4; i++)
        {
            for (var k = 0; k < 8; k++)
            {
                split[(k * 4) + i] = plain[(i * 8) + k];
            }
        }

        var back = new byte[32];
        ByteStreamSplitDecoder.Decode(split, 8, 4, back, 0);
        Assert.Equal(plain, back);
    }

    /// <summary>DELTA_BINARY_PACKED of exactly three values with one miniblock of 32 (block 128, 4 miniblocks).</summary>
    private static byte[] Dbp(long first, long second, long third)
    {
        var d1 = second - first;
        var d2 = third - second;
        var min = Math.Min(d1, d2);
        var p1 = (int)(d1 - min);
        var p2 = (int)(d2 - min);
        var width = Math.Max(1, 32 - int.LeadingZeroCount(Math.Max(p1, p2)));
        var bytes = new List<byte> { 0x80, 0x01, 0x04, 0x03 };
        bytes.AddRange(ZigZagVarint(first));
        bytes.AddRange(ZigZagVarint(min));
        bytes.AddRange([(byte)width, 0, 0, 0]);
        var packed = new byte[4 * width];
        var bits = (ulong)(uint)p1 | ((ulong)(uint)p2 << width);
        for (var i = 0; i < 8 && i < packed.Length; i++)
        {
            packed[i] = (byte)(bits >> (8 * i));
        }

        bytes.AddRange(packed);
        return bytes.ToArray();
    }

    private static IEnumerable<byte> ZigZagVarint(long v)
    {
        var u = (ulong)((v << 1) ^ (v >> 63));
        while (u >= 0x80)
        {
            yield return (byte)(u | 0x80);
            u >>= 7;
        }

        yield return (byte)u;
    }
}
