using System.Buffers;

namespace Obrador.Ingestion.Events;

/// <summary>
/// Finds where a JSON value ends from its string and bracket structure alone (RFC 8259 §2, §7): strings are skipped
/// with their escapes, brackets are counted, tokens in between are not checked. Used to split an Event Hub invocation's
/// events without tokenizing each one twice; every event is then parsed in full by <see cref="EventParser"/>, which
/// rejects a malformed one on its own.
/// </summary>
internal static class JsonExtent
{
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
        (byte)'"' => EndOfString(s, i),
        (byte)'{' or (byte)'[' => EndOfContainer(s, i),
        _ => s[i..].IndexOfAny(ScalarEnd) is var k and >= 0 ? i + k : s.Length,
    };

    // s[i] == '"'. A plain loop: event strings are short, and a vectorised search per string costs more than it saves
    // (measured: 600 ns per event against 360 for Utf8JsonReader.Skip).
    private static int EndOfString(ReadOnlySpan<byte> s, int i)
    {
        for (i++; i < s.Length; i++)
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
        for (; i < s.Length; i++)
        {
            switch (s[i])
            {
                case (byte)'"':
                    i = EndOfString(s, i) - 1;
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
}
