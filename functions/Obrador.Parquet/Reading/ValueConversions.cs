using System.Runtime.CompilerServices;
namespace Obrador.Parquet.Reading;

/// <summary>
/// Converts decoded physical arrays to the field's CLR type (LogicalTypes.md): INT(8/16) narrowing, unsigned widening,
/// DATE days, TIMESTAMP units, DECIMAL unscaled values. Null rows keep the default value.
/// </summary>
internal static class ValueConversions
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Array FromInt32(LeafDescriptor leaf, int[] v, bool[]? nulls, long offset)
    {
        var f = leaf.Field;
        switch (f.Type)
        {
            case ParquetType.Int32:
                return v;
            case ParquetType.Int8:
                {
                    var r = new sbyte[v.Length];
                    for (var i = 0; i < v.Length; i++)
                    {
                        r[i] = unchecked((sbyte)v[i]);
                    }

                    return r;
                }

            case ParquetType.Int16:
                {
                    var r = new short[v.Length];
                    for (var i = 0; i < v.Length; i++)
                    {
                        r[i] = leaf.Unsigned ? (short)(byte)v[i] : unchecked((short)v[i]);
                    }

                    return r;
                }

            case ParquetType.Int64:
                {
                    var r = new long[v.Length];
                    for (var i = 0; i < v.Length; i++)
                    {
                        r[i] = (uint)v[i];
                    }

                    return r;
                }

            case ParquetType.Date:
                {
                    var r = new DateOnly[v.Length];
                    for (var i = 0; i < v.Length; i++)
                    {
                        if (nulls is null || !nulls[i])
                        {
                            r[i] = TimeConverter.FromDays(v[i], f.Name, offset);
                        }
                    }

                    return r;
                }

            case ParquetType.Decimal:
                {
                    var r = new decimal[v.Length];
                    for (var i = 0; i < v.Length; i++)
                    {
                        r[i] = DecimalConverter.FromUnscaled(v[i], f.Scale);
                    }

                    return r;
                }

            default:
                throw new ParquetException($"cannot read INT32 as {f.Type}", offset, f.Name);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Array FromInt64(LeafDescriptor leaf, long[] v, bool[]? nulls, long offset)
    {
        var f = leaf.Field;
        switch (f.Type)
        {
            case ParquetType.Int64:
                return v;
            case ParquetType.Decimal:
                {
                    var r = new decimal[v.Length];
                    for (var i = 0; i < v.Length; i++)
                    {
                        r[i] = DecimalConverter.FromUnscaled(v[i], f.Scale);
                    }

                    return r;
                }

            case ParquetType.TimestampMillis:
            case ParquetType.TimestampMicros:
                {
                    var r = new DateTime[v.Length];
                    for (var i = 0; i < v.Length; i++)
                    {
                        if (nulls is null || !nulls[i])
                        {
                            long ticks;
                            try
                            {
                                ticks = leaf.Unit switch
                                {
                                    Meta.TimeUnit.Millis => checked(v[i] * TimeSpan.TicksPerMillisecond),
                                    Meta.TimeUnit.Micros => checked(v[i] * 10),
                                    _ => v[i] / 100,
                                };
                            }
                            catch (OverflowException)
                            {
                                throw new ParquetException("timestamp outside the DateTime range (years 1..9999)", offset, f.Name);
                            }

                            r[i] = TimeConverter.FromTicksSinceEpoch(ticks, f.Name, offset);
                        }
                    }

                    return r;
                }

            default:
                throw new ParquetException($"cannot read INT64 as {f.Type}", offset, f.Name);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Array FromTicks(LeafDescriptor leaf, long[] ticks, bool[]? nulls, long offset)
    {
        var r = new DateTime[ticks.Length];
        for (var i = 0; i < ticks.Length; i++)
        {
            if (nulls is null || !nulls[i])
            {
                r[i] = TimeConverter.FromTicksSinceEpoch(ticks[i], leaf.Field.Name, offset);
            }
        }

        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Array FromBytes(LeafDescriptor leaf, byte[]?[] v, bool[]? nulls, long offset)
    {
        var f = leaf.Field;
        var r = new decimal[v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            if (v[i] is { } bytes && (nulls is null || !nulls[i]))
            {
                r[i] = DecimalConverter.FromUnscaled(DecimalConverter.ReadBigEndian(bytes, f.Name, offset), f.Scale, f.Name, offset);
            }
        }

        return r;
    }
}
