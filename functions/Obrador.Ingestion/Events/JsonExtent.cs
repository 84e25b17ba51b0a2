using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Obrador.Ingestion.Events;

/// <summary>
/// Finds where a JSON value ends from its string and bracket structure alone (RFC 8259 §2, §7): strings are skipped
/// with their escapes, brackets are counted, tokens in between are not checked. Used to split an Event Hub invocation's
/// events without tokenizing each one twice; every event is then parsed in full by <see cref="EventParser"/>, which
/// rejects a malformed one on its own.
/// </summary>
/// <remarks>
/// Objects and arrays are scanned 32 bytes at a time with bit masks, as simdjson's stage 1 does (Langdale and Lemire,
/// "Parsing Gigabytes of JSON per Second", VLDB Journal 28, 2019, §3.1): the bytes inside strings are the prefix XOR of
/// the quote mask, and only the brackets outside them are visited. A block holding a backslash is scanned byte by
/// byte, so escaped quotes are handled exactly.
/// </remarks>
internal static class JsonExtent
{
    private const int Block = 32;
    private static readonly SearchValues<byte> ScalarEnd = SearchValues.Create(",]} \t\r\n"u8);

    /// <summary>Index of the first byte at or after <paramref name="i"/> that is not JSON whitespace (may be the length).</summary>
    public static int SkipBlank(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    /// <summary>Index just past the value starting at <c>s[i]</c> (not blank), or -1 when the input ends inside it.</summary>
    public static int End(ReadOnlySpan<byte> s, int i) => s[i] switch
    {
        (byte)'"' => EndOfString(s, i + 1),
        (byte)'{' or (byte)'[' => EndOfContainer(s, i),
        _ => s[i..].IndexOfAny(ScalarEnd) is var k and >= 0 ? i + k : s.Length,
    };

    // From i, inside a string: the index just past its closing quote, or -1.
    private static int EndOfString(ReadOnlySpan<byte> s, int i)
    {
        for (; i < s.Length; i++)
        {
            var b = s[i];
            if (b == '"')
            {
                return i + 1;
            }

            if (b == '\\')
            {
                i++; // the escaped byte
            }
        }

        return -1;
    }

    // s[i] is '{' or '['.
    private static int EndOfContainer(ReadOnlySpan<byte> s, int i)
    {
        var depth = 0;
        var inString = false;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var s0 = ref MemoryMarshal.GetReference(s);
            for (; i + Block <= s.Length; i += Block)
            {
                var v = Vector256.LoadUnsafe(ref s0, (nuint)i);
                if (Vector256.EqualsAny(v, Vector256.Create((byte)'\\')))
                {
                    break; // escapes: byte by byte from here
                }

                // Bit k of strings is set when byte k is an opening quote or inside a string (prefix XOR of the quotes).
                var strings = PrefixXor(Vector256.Equals(v, Vector256.Create((byte)'"')).ExtractMostSignificantBits()) ^ (inString ? uint.MaxValue : 0);
                inString = (strings >> 31) != 0;
                var opens = (Vector256.Equals(v, Vector256.Create((byte)'{')) | Vector256.Equals(v, Vector256.Create((byte)'['))).ExtractMostSignificantBits() & ~strings;
                var closes = (Vector256.Equals(v, Vector256.Create((byte)'}')) | Vector256.Equals(v, Vector256.Create((byte)']'))).ExtractMostSignificantBits() & ~strings;
                for (var brackets = opens | closes; brackets != 0; brackets &= brackets - 1)
                {
                    var k = BitOperations.TrailingZeroCount(brackets);
                    depth += (opens >> k & 1) != 0 ? 1 : -1;
                    if (depth == 0)
                    {
                        return i + k + 1;
                    }
                }
            }
        }

        return EndOfContainer(s, i, depth, inString);
    }

    // Byte by byte from i, with the bracket depth and string state reached so far.
    private static int EndOfContainer(ReadOnlySpan<byte> s, int i, int depth, bool inString)
    {
        if (inString)
        {
            i = EndOfString(s, i);
            if (i < 0)
            {
                return -1;
            }
        }

        for (; i < s.Length; i++)
        {
            switch (s[i])
            {
                case (byte)'"':
                    i = EndOfString(s, i + 1) - 1;
                    if (i < 0)
                    {
                        return -1;
                    }

                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return -1;
    }

    // Bit k of the result is the XOR of bits 0..k of x.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint PrefixXor(uint x)
    {
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        return x;
    }
}
