using System.Runtime.CompilerServices;
namespace Obrador.Parquet.Reading;

/// <summary>
/// Converts decoded physical arrays to the field's CLR type (LogicalTypes.md): INT(8/16) narrowing, unsigned widening,
/// DATE days, TIMESTAMP units, DECIMAL unscaled values. Null rows keep the default value.
/// </summary>
internal static class ValueConversions
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Array FromInt32(LeafDescriptor leaf, int[] v, int count, bool[]? nulls, long offset)
    {
        var f = leaf.Field;
        switch (f.Type)
        {
            case ParquetType.Int8:
                {
                    var r = Allocate<sbyte>(count, nulls);
                    for (var i = 0; i < count; i++)
                    {
                        r[i] = nulls is null || !nulls[i] ? unchecked((sbyte)v[i]) : (sbyte)0;
                    }

                    return r;
                }

            case ParquetType.Int16:
                {
                    var r = Allocate<short>(count, nulls);
                    for (var i = 0; i < count; i++)
                    {
                        r[i] = nulls is not null && nulls[i] ? (short)0 : leaf.Unsigned ? (short)(byte)v[i] : unchecked((short)v[i]);
                    }

                    return r;
                }

            case ParquetType.Int64:
                {
                    var r = Allocate<long>(count, nulls);
                    for (var i = 0; i < count; i++)
                    {
                        r[i] = nulls is null || !nulls[i] ? (uint)v[i] : 0;
                    }

                    return r;
                }

            case ParquetType.Date:
                {
                    var r = Allocate<DateOnly>(count, nulls);
                    for (var i = 0; i < count; i++)
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
                    var r = Allocate<decimal>(count, nulls);
                    for (var i = 0; i < count; i++)
                    {
                        if (nulls is null || !nulls[i])
                        {
                            r[i] = DecimalConverter.FromUnscaled(v[i], f.Scale);
                        }
                    }

                    return r;
                }

            default:
                throw new ParquetException($"cannot read INT32 as {f.Type}", offset, f.Name);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Array FromInt64(LeafDescriptor leaf, long[] v, int count, bool[]? nulls, long offset)
    {
        var f = leaf.Field;
        switch (f.Type)
        {
            case ParquetType.Decimal:
                {
                    var r = Allocate<decimal>(count, nulls);
                    for (var i = 0; i < count; i++)
                    {
                        if (nulls is null || !nulls[i])
                        {
                            r[i] = DecimalConverter.FromUnscaled(v[i], f.Scale);
                        }
                    }

                    return r;
                }

            case ParquetType.TimestampMillis:
            case ParquetType.TimestampMicros:
                {
                    var r = Allocate<DateTime>(count, nulls);
                    for (var i = 0; i < count; i++)
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
    public static Array FromTicks(LeafDescriptor leaf, long[] ticks, int count, bool[]? nulls, long offset)
    {
        var r = Allocate<DateTime>(count, nulls);
        for (var i = 0; i < count; i++)
        {
            if (nulls is null || !nulls[i])
            {
                r[i] = TimeConverter.FromTicksSinceEpoch(ticks[i], leaf.Field.Name, offset);
            }
        }

        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Array FromBytes(LeafDescriptor leaf, byte[]?[] v, int count, bool[]? nulls, long offset)
    {
        var f = leaf.Field;
        var r = Allocate<decimal>(count, nulls);
        for (var i = 0; i < count; i++)
        {
            if (v[i] is { } bytes && (nulls is null || !nulls[i]))
            {
                r[i] = DecimalConverter.FromUnscaled(DecimalConverter.ReadBigEndian(bytes, f.Name, offset), f.Scale, f.Name, offset);
            }
        }

        return r;
    }

    /// <summary>An output array; not zeroed when every row is written (no null mask), since conversion fills each position.</summary>
    private static TItem[] Allocate<TItem>(int count, bool[]? nulls) =>
        nulls is null ? GC.AllocateUninitializedArray<TItem>(count) : new TItem[count];
}
