using System.Runtime.CompilerServices;
namespace Obrador.Parquet.Encodings;

/// <summary>
/// Packs and unpacks groups of 8 values of 0..32 bits, least-significant bit first, as used by the RLE/bit-packed
/// hybrid and DELTA_BINARY_PACKED encodings (Encodings.md, "Bit-packed (Deprecated)" and "Run Length Encoding /
/// Bit-Packing Hybrid").
/// </summary>
internal static class BitPacking
{
    /// <summary>Packs 8 values of <paramref name="bitWidth"/> bits into <paramref name="bitWidth"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack8(ReadOnlySpan<int> values, int bitWidth, Span<byte> dest)
    {
        ulong acc = 0;
        var bits = 0;
        var o = 0;
        var mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        for (var i = 0; i < 8; i++)
        {
            acc |= ((ulong)((uint)values[i] & mask)) << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                dest[o++] = (byte)acc;
                acc >>= 8;
                bits -= 8;
            }
        }
    }

    /// <summary>Unpacks <paramref name="count"/> values of <paramref name="bitWidth"/> bits (≤ 32) from <paramref name="src"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unpack32(ReadOnlySpan<byte> src, int bitWidth, Span<int> dest, int count)
    {
        if (bitWidth == 0)
        {
            dest[..count].Clear();
            return;
        }

        if (bitWidth == 1)
        {
            for (var i = 0; i < count; i++)
            {
                dest[i] = (src[i >> 3] >> (i & 7)) & 1;
            }

            return;
        }

        ulong acc = 0;
        var bits = 0;
        var p = 0;
        var mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        for (var i = 0; i < count; i++)
        {
            while (bits < bitWidth)
            {
                acc |= (ulong)src[p++] << bits;
                bits += 8;
            }

            dest[i] = (int)((uint)acc & mask);
            acc >>= bitWidth;
            bits -= bitWidth;
        }
    }

    /// <summary>Unpacks <paramref name="count"/> values of <paramref name="bitWidth"/> bits (≤ 64) from <paramref name="src"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unpack64(ReadOnlySpan<byte> src, int bitWidth, Span<long> dest, int count)
    {
        if (bitWidth == 0)
        {
            dest[..count].Clear();
            return;
        }

        var bitPos = 0L;
        for (var i = 0; i < count; i++)
        {
            ulong v = 0;
            var got = 0;
            while (got < bitWidth)
            {
                var byteIndex = (int)(bitPos >> 3);
                var bitOffset = (int)(bitPos & 7);
                var take = Math.Min(8 - bitOffset, bitWidth - got);
                var chunk = (ulong)((src[byteIndex] >> bitOffset) & ((1 << take) - 1));
                v |= chunk << got;
                got += take;
                bitPos += take;
            }

            dest[i] = (long)v;
        }
    }
}
