using System.Runtime.CompilerServices;
namespace Obrador.Parquet.Encodings;

/// <summary>
/// Writes the RLE/bit-packed hybrid encoding (Encodings.md, "Run Length Encoding / Bit-Packing Hybrid (RLE = 3)"):
/// runs of ≥ 8 equal values become RLE runs (<c>varint(count &lt;&lt; 1)</c> then the value in ceil(bitWidth/8) bytes),
/// everything else becomes bit-packed runs of 8-value groups (<c>varint(groups &lt;&lt; 1 | 1)</c>). Used for definition
/// levels and dictionary indices.
/// </summary>
internal static class RleBitPackedHybridEncoder
{
    /// <summary>Appends the encoding of <paramref name="values"/> (each &lt; 2^bitWidth) to <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        var n = values.Length;
        var valueBytes = (bitWidth + 7) / 8;
        Span<int> group = stackalloc int[8];
        var i = 0;
        while (i < n)
        {
            var run = RunLength(values, i);
            if (run >= 8)
            {
                output.WriteVarint((uint)run << 1);
                var v = values[i];
                for (var b = 0; b < valueBytes; b++)
                {
                    output.WriteByte((byte)(v >> (8 * b)));
                }

                i += run;
                continue;
            }

            // Collect 8-value groups until a long run starts on a group boundary or the input ends.
            var start = i;
            var groups = 0;
            while (i < n && groups < (1 << 20))
            {
                if (groups > 0 && RunLength(values, i) >= 8)
                {
                    break;
                }

                i = Math.Min(i + 8, n);
                groups++;
            }

            output.WriteVarint(((uint)groups << 1) | 1);
            var packed = output.Grow(groups * bitWidth);
            for (var g = 0; g < groups; g++)
            {
                var from = start + (g * 8);
                var take = Math.Min(8, n - from);
                if (take == 8)
                {
                    BitPacking.Pack8(values.Slice(from, 8), bitWidth, packed.Slice(g * bitWidth, bitWidth));
                }
                else
                {
                    group.Clear();
                    values.Slice(from, take).CopyTo(group);
                    BitPacking.Pack8(group, bitWidth, packed.Slice(g * bitWidth, bitWidth));
                }
            }
        }
    }

    /// <summary>Appends a single RLE run of <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static void EncodeRun(int value, int count, int bitWidth, ByteBuffer output)
    {
        if (count == 0)
        {
            return;
        }

        output.WriteVarint((uint)count << 1);
        for (var b = 0; b < (bitWidth + 7) / 8; b++)
        {
            output.WriteByte((byte)(value >> (8 * b)));
        }
    }

    /// <summary>Number of bits needed for values up to <paramref name="maxValue"/>.</summary>
    public static int BitWidth(int maxValue) => maxValue == 0 ? 0 : 32 - int.LeadingZeroCount(maxValue);

    private static int RunLength(ReadOnlySpan<int> values, int start)
    {
        var v = values[start];
        var j = start + 1;
        while (j < values.Length && values[j] == v)
        {
            j++;
        }

        return j - start;
    }
}
