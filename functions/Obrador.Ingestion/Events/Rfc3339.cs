namespace Obrador.Ingestion.Events;

/// <summary>Shape check of an RFC 3339 <c>date-time</c> (§5.6): <c>YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)</c>.</summary>
internal static class Rfc3339
{
    /// <summary>True when <paramref name="s"/> has the RFC 3339 shape (ranges are checked by the parser afterwards).</summary>
    public static bool IsDateTime(ReadOnlySpan<byte> s)
    {
        if (s.Length < 20 || s.Length > 40)
        {
            return false;
        }

        if (!Digits(s, 0, 4) || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' || !Digits(s, 8, 2)
            || (s[10] is not ((byte)'T' or (byte)'t' or (byte)' ')) || !Digits(s, 11, 2) || s[13] != ':' || !Digits(s, 14, 2)
            || s[16] != ':' || !Digits(s, 17, 2))
        {
            return false;
        }

        var i = 19;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9')
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i == s.Length - 1)
        {
            return s[i] is (byte)'Z' or (byte)'z';
        }

        return i == s.Length - 6 && s[i] is (byte)'+' or (byte)'-' && Digits(s, i + 1, 2) && s[i + 3] == ':' && Digits(s, i + 4, 2);
    }

    private static bool Digits(ReadOnlySpan<byte> s, int at, int count)
    {
        for (var k = at; k < at + count; k++)
        {
            if (s[k] is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }
}
