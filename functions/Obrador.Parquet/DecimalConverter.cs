namespace Obrador.Parquet;

/// <summary>
/// Converts between <see cref="decimal"/> and the unscaled integers of the DECIMAL logical type (LogicalTypes.md,
/// "DECIMAL"): value = unscaled × 10^-scale, stored as INT32/INT64 or big-endian two's complement bytes.
/// </summary>
internal static class DecimalConverter
{
    private static readonly Int128[] Pow10 = BuildPowers();

    /// <summary>The unscaled value of <paramref name="value"/> at <paramref name="scale"/> digits.</summary>
    /// <exception cref="ParquetException">The value has more fractional digits than the scale or more digits than the precision.</exception>
    public static Int128 ToUnscaled(decimal value, int precision, int scale, string column, long row)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var valueScale = (bits[3] >> 16) & 0xFF;
        if (valueScale < scale)
        {
            mantissa *= Pow10[scale - valueScale];
        }
        else if (valueScale > scale)
        {
            var divisor = Pow10[valueScale - scale];
            var q = Int128.DivRem(mantissa, divisor);
            if (q.Remainder != 0)
            {
                throw new ParquetException($"decimal {value} has more than {scale} fractional digits", null, column, row);
            }

            mantissa = q.Quotient;
        }

        if (mantissa >= Pow10[precision])
        {
            throw new ParquetException($"decimal {value} does not fit DECIMAL({precision},{scale})", null, column, row);
        }

        return bits[3] < 0 ? -mantissa : mantissa;
    }

    /// <summary>The decimal for an unscaled 64-bit integer.</summary>
    public static decimal FromUnscaled(long unscaled, int scale)
    {
        var negative = unscaled < 0;
        var magnitude = negative ? (ulong)(-(unscaled + 1)) + 1 : (ulong)unscaled;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, (byte)scale);
    }

    /// <summary>The decimal for an unscaled 128-bit integer.</summary>
    /// <exception cref="ParquetException">The value cannot be represented exactly: more than 96 bits of mantissa or a scale over 28 after trailing zeros are dropped.</exception>
    public static decimal FromUnscaled(Int128 unscaled, int scale, string column, long offset)
    {
        var negative = unscaled < 0;
        var magnitude = (UInt128)(negative ? -unscaled : unscaled);

        // A wide DECIMAL(38,28) value such as 22.7929 is 227929 followed by 24 zeros: dropping trailing zeros is
        // lossless and brings it within System.Decimal's 96-bit mantissa.
        while ((magnitude >> 96 != 0 || scale > 28) && scale > 0 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            scale--;
        }

        if (magnitude >> 96 != 0 || scale > 28)
        {
            throw new ParquetException($"decimal value with {unscaled} unscaled at scale {scale} exceeds System.Decimal", offset, column);
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }

    /// <summary>Reads a big-endian two's complement integer of 1..16 bytes.</summary>
    public static Int128 ReadBigEndian(ReadOnlySpan<byte> bytes, string column, long offset)
    {
        if (bytes.Length is 0 or > 16)
        {
            throw new ParquetException($"decimal of {bytes.Length} bytes is not supported (1..16)", offset, column);
        }

        Int128 v = (sbyte)bytes[0];
        for (var i = 1; i < bytes.Length; i++)
        {
            v = (v << 8) | bytes[i];
        }

        return v;
    }

    /// <summary>Writes <paramref name="value"/> big-endian two's complement into all of <paramref name="dest"/>.</summary>
    public static void WriteBigEndian(Int128 value, Span<byte> dest)
    {
        for (var i = dest.Length - 1; i >= 0; i--)
        {
            dest[i] = (byte)value;
            value >>= 8;
        }
    }

    /// <summary>Smallest byte length holding every unscaled value of <paramref name="precision"/> digits (signed).</summary>
    public static int ByteLength(int precision)
    {
        for (var n = 1; n <= 16; n++)
        {
            if (Int128.One << ((8 * n) - 1) > Pow10[precision])
            {
                return n;
            }
        }

        return 16;
    }

    private static Int128[] BuildPowers()
    {
        var p = new Int128[39];
        p[0] = 1;
        for (var i = 1; i < p.Length; i++)
        {
            p[i] = p[i - 1] * 10;
        }

        return p;
    }
}
