using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Obrador.Parquet.Compression;

/// <summary>
/// Snappy raw block format (google/snappy <c>format_description.txt</c>): a varint uncompressed length, then literal
/// elements (tag 00) and back-references (tags 01/10/11 with 1-, 2- and 4-byte offsets). The encoder works on 64 KiB
/// blocks with a 4-byte hash table and greedy matching, skipping faster through incompressible input; the decoder
/// checks every length and offset, so corrupt input raises <see cref="ParquetException"/>. Written here because the
/// packaged managed implementation measured 25–65 MB/s, which made compression the bottleneck of the whole library.
/// </summary>
internal static class SnappyCodec
{
    private const int BlockSize = 1 << 16;
    private const int HashBits = 14;

    /// <summary>Worst-case compressed size of <paramref name="length"/> bytes.</summary>
    public static int MaxCompressedLength(int length) => 32 + length + (length / 6);

    /// <summary>Compresses <paramref name="src"/> into <paramref name="dst"/> (at least <see cref="MaxCompressedLength"/> bytes); returns the bytes written.</summary>
    [SkipLocalsInit] // the table is cleared to the size used, not the whole stack buffer
    public static int Compress(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        if (dst.Length < MaxCompressedLength(src.Length))
        {
            throw new ArgumentException("the destination is shorter than MaxCompressedLength", nameof(dst));
        }

        var o = WriteVarint(dst, (uint)src.Length);

        // As google/snappy does, the hash table is sized to the input (a power of two ≥ its length, 256 to 16,384
        // entries): clearing 32 KiB per block would cost more than compressing a small page.
        var bits = Math.Clamp(32 - BitOperations.LeadingZeroCount((uint)Math.Max(Math.Min(src.Length, BlockSize) - 1, 1)), 8, HashBits);
        Span<ushort> table = stackalloc ushort[1 << HashBits];
        table = table[..(1 << bits)];
        for (var start = 0; start < src.Length; start += BlockSize)
        {
            var block = src.Slice(start, Math.Min(BlockSize, src.Length - start));
            table.Clear();
            o += CompressBlock(block, ref Unsafe.Add(ref MemoryMarshal.GetReference(dst), o), table, 32 - bits);
        }

        return o;
    }

    // dst has room for MaxCompressedLength(src.Length) bytes (checked by Compress), so writes are unchecked.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CompressBlock(ReadOnlySpan<byte> src, ref byte dst, Span<ushort> table, int shift)
    {
        var o = 0;
        var n = src.Length;
        ref var s0 = ref MemoryMarshal.GetReference(src);
        if (n < 17)
        {
            return EmitLiteral(ref s0, n, ref dst);
        }

        ref var t0 = ref MemoryMarshal.GetReference(table);
        var limit = n - 15;
        var literalStart = 0;
        var ip = 1;
        var skip = 32;
        while (ip < limit)
        {
            var v = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s0, ip));
            ref var slot = ref Unsafe.Add(ref t0, Hash(v, shift));
            int candidate = slot;
            slot = (ushort)ip;
            if (candidate < ip && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s0, candidate)) == v)
            {
                if (literalStart < ip)
                {
                    o += EmitLiteral(ref Unsafe.Add(ref s0, literalStart), ip - literalStart, ref Unsafe.Add(ref dst, o));
                }

                var matchLength = 4 + CommonLength(ref s0, candidate + 4, ip + 4, n);
                o += EmitCopy(ip - candidate, matchLength, ref Unsafe.Add(ref dst, o));
                ip += matchLength;
                literalStart = ip;
                skip = 32;
                if (ip < limit)
                {
                    // Seed the table with the position just before the next search point.
                    Unsafe.Add(ref t0, Hash(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s0, ip - 1)), shift)) = (ushort)(ip - 1);
                }

                continue;
            }

            ip += skip++ >> 5;
        }

        if (literalStart < n)
        {
            o += EmitLiteral(ref Unsafe.Add(ref s0, literalStart), n - literalStart, ref Unsafe.Add(ref dst, o));
        }

        return o;
    }

    // Length of the common run of src[a..] and src[b..] (a < b), up to the end of the block (n).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CommonLength(ref byte s0, int a, int b, int n)
    {
        var len = 0;
        var max = n - b;
        while (len + 8 <= max)
        {
            var x = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s0, a + len)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s0, b + len));
            if (x != 0)
            {
                return len + (BitOperations.TrailingZeroCount(x) >> 3);
            }

            len += 8;
        }

        while (len < max && Unsafe.Add(ref s0, a + len) == Unsafe.Add(ref s0, b + len))
        {
            len++;
        }

        return len;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint v, int shift) => (int)((v * 0x1E35A7BDu) >> shift);

    private static int EmitLiteral(ref byte literal, int length, ref byte dst)
    {
        var n = length - 1;
        int o;
        if (n < 60)
        {
            dst = (byte)(n << 2);
            o = 1;
        }
        else if (n < 1 << 8)
        {
            dst = 60 << 2;
            Unsafe.Add(ref dst, 1) = (byte)n;
            o = 2;
        }
        else
        {
            dst = 61 << 2;
            Unsafe.Add(ref dst, 1) = (byte)n;
            Unsafe.Add(ref dst, 2) = (byte)(n >> 8);
            o = 3;
        }

        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, o), ref literal, (uint)length);
        return o + length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitCopy(int offset, int length, ref byte dst)
    {
        var o = 0;
        while (length >= 68)
        {
            o += EmitCopy2(offset, 64, ref Unsafe.Add(ref dst, o));
            length -= 64;
        }

        if (length > 64)
        {
            o += EmitCopy2(offset, 60, ref Unsafe.Add(ref dst, o));
            length -= 60;
        }

        if (length < 12 && offset < 2048)
        {
            Unsafe.Add(ref dst, o) = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            Unsafe.Add(ref dst, o + 1) = (byte)offset;
            return o + 2;
        }

        return o + EmitCopy2(offset, length, ref Unsafe.Add(ref dst, o));
    }

    private static int EmitCopy2(int offset, int length, ref byte dst)
    {
        dst = (byte)(2 | ((length - 1) << 2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, 1), (ushort)offset);
        return 3;
    }

    private static int WriteVarint(Span<byte> dst, uint v)
    {
        var o = 0;
        while (v >= 0x80)
        {
            dst[o++] = (byte)(v | 0x80);
            v >>= 7;
        }

        dst[o++] = (byte)v;
        return o;
    }

    /// <summary>Reads the uncompressed length from the preamble.</summary>
    public static int GetUncompressedLength(ReadOnlySpan<byte> src, long offset)
    {
        ulong v = 0;
        for (var i = 0; i < 5; i++)
        {
            if (i >= src.Length)
            {
                break;
            }

            v |= (ulong)(src[i] & 0x7F) << (7 * i);
            if ((src[i] & 0x80) == 0)
            {
                return v > int.MaxValue ? throw new ParquetException("SNAPPY length out of range", offset) : (int)v;
            }
        }

        throw new ParquetException("corrupt SNAPPY length preamble", offset);
    }

    /// <summary>Decompresses <paramref name="src"/> into exactly <paramref name="dst"/>.Length bytes.</summary>
    /// <exception cref="ParquetException">Corrupt input or a length different from <paramref name="dst"/>'s.</exception>
    public static unsafe void Decompress(ReadOnlySpan<byte> src, Span<byte> dst, long offset)
    {
        var length = GetUncompressedLength(src, offset);
        if (length != dst.Length)
        {
            throw new ParquetException($"SNAPPY page decompresses to {length} bytes, header says {dst.Length}", offset);
        }

        var start = 0;
        while ((src[start++] & 0x80) != 0)
        {
        }

        fixed (byte* s = src)
        fixed (byte* d = dst)
        {
            var end = DecompressCore(s + start, s + src.Length, d, d + dst.Length);
            if (end < 0)
            {
                throw Corrupt(offset, (int)Math.Min(int.MaxValue, -end - 1));
            }

            if (end != dst.Length)
            {
                throw new ParquetException($"SNAPPY data ended after {end} of {dst.Length} bytes", offset + src.Length);
            }
        }
    }

    /// <summary>Decodes elements; returns the bytes written, or -(input position + 1) on corrupt input. Every read and write is bounds-checked against the two buffers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe long DecompressCore(byte* ip, byte* ipEnd, byte* opStart, byte* opEnd)
    {
        var ipStart = ip;
        var op = opStart;
        while (ip < ipEnd)
        {
            uint tag = *ip++;
            nuint len;
            nuint copyOffset;
            switch (tag & 3)
            {
                case 0:
                    len = (tag >> 2) + 1;
                    if (len <= 16 && ipEnd - ip >= 16 && opEnd - op >= 16)
                    {
                        // Short literal: one 16-byte copy; bytes past len are overwritten by later output.
                        Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<UInt128>(ip));
                        ip += len;
                        op += len;
                        continue;
                    }

                    if (len > 60)
                    {
                        var extra = (int)len - 60;
                        if (ipEnd - ip < extra)
                        {
                            return -(ip - ipStart) - 1;
                        }

                        nuint l = 0;
                        for (var k = 0; k < extra; k++)
                        {
                            l |= (nuint)ip[k] << (8 * k);
                        }

                        ip += extra;
                        len = l + 1;
                    }

                    if ((nuint)(ipEnd - ip) < len || (nuint)(opEnd - op) < len)
                    {
                        return -(ip - ipStart) - 1;
                    }

                    Buffer.MemoryCopy(ip, op, len, len);
                    ip += len;
                    op += len;
                    continue;
                case 1:
                    if (ip >= ipEnd)
                    {
                        return -(ip - ipStart) - 1;
                    }

                    len = 4 + ((tag >> 2) & 7);
                    copyOffset = ((tag >> 5) << 8) | *ip++;
                    break;
                case 2:
                    if (ipEnd - ip < 2)
                    {
                        return -(ip - ipStart) - 1;
                    }

                    len = (tag >> 2) + 1;
                    copyOffset = Unsafe.ReadUnaligned<ushort>(ip);
                    ip += 2;
                    break;
                default:
                    if (ipEnd - ip < 4)
                    {
                        return -(ip - ipStart) - 1;
                    }

                    len = (tag >> 2) + 1;
                    copyOffset = Unsafe.ReadUnaligned<uint>(ip);
                    ip += 4;
                    break;
            }

            if (copyOffset == 0 || copyOffset > (nuint)(op - opStart) || len > (nuint)(opEnd - op))
            {
                return -(ip - ipStart) - 1;
            }

            var from = op - copyOffset;
            if (opEnd - op >= 80)
            {
                // len ≤ 64 here, and 80 bytes of room make over-long writes safe: bytes past len are overwritten by later output.
                if (copyOffset >= 16)
                {
                    Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<UInt128>(from));
                    for (nuint k = 16; k < len; k += 16)
                    {
                        Unsafe.WriteUnaligned(op + k, Unsafe.ReadUnaligned<UInt128>(from + k));
                    }
                }
                else
                {
                    // Overlapping copy (a repeating pattern): each 8-byte step leaves the first (op - from) bytes right,
                    // so the distance doubles until 8-byte steps no longer read unwritten bytes.
                    var end = op + len;
                    var d = op;
                    while (d - from < 8)
                    {
                        Unsafe.WriteUnaligned(d, Unsafe.ReadUnaligned<ulong>(from));
                        d += d - from;
                    }

                    for (; d < end; d += 8, from += 8)
                    {
                        Unsafe.WriteUnaligned(d, Unsafe.ReadUnaligned<ulong>(from));
                    }
                }
            }
            else
            {
                for (nuint k = 0; k < len; k++)
                {
                    op[k] = from[k];
                }
            }

            op += len;
        }

        return op - opStart;
    }

    private static ParquetException Corrupt(long offset, int ip) =>
        new("corrupt SNAPPY data (length or back-reference out of range)", offset + ip);
}
