using System.Runtime.CompilerServices;
namespace Obrador.Parquet.Writing;

/// <summary>
/// Copies the non-null rows of a column's CLR array into physical INT32/INT64 values (LogicalTypes.md mappings:
/// INT(8/16) and DATE on INT32; TIMESTAMP and DECIMAL(p ≤ 18) on INT64).
/// </summary>
internal static class PhysicalValues
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ToInt32(ParquetField field, Array values, int start, int count, ReadOnlySpan<bool> nulls, Span<int> dest)
    {
        var w = 0;
        switch (values)
        {
            case int[] a:
                return Copy(a, start, count, nulls, dest);
            case sbyte[] a:
                for (var i = 0; i < count; i++)
                {
                    if (nulls.IsEmpty || !nulls[i])
                    {
                        dest[w++] = a[start + i];
                    }
                }

                return w;
            case short[] a:
                for (var i = 0; i < count; i++)
                {
                    if (nulls.IsEmpty || !nulls[i])
                    {
                        dest[w++] = a[start + i];
                    }
                }

                return w;
            case DateOnly[] a:
                for (var i = 0; i < count; i++)
                {
                    if (nulls.IsEmpty || !nulls[i])
                    {
                        dest[w++] = a[start + i].DayNumber - TimeConverter.UnixEpochDayNumber;
                    }
                }

                return w;
            default:
                throw new ParquetException($"cannot write {values.GetType().Name} as INT32", null, field.Name);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ToInt64(ParquetField field, Array values, int start, int count, ReadOnlySpan<bool> nulls, Span<long> dest)
    {
        var w = 0;
        switch (values)
        {
            case long[] a:
                return Copy(a, start, count, nulls, dest);
            case DateTime[] a:
                var micros = field.Type == ParquetType.TimestampMicros;
                for (var i = 0; i < count; i++)
                {
                    if (nulls.IsEmpty || !nulls[i])
                    {
                        var v = a[start + i];
                        dest[w++] = micros ? TimeConverter.ToMicros(v) : TimeConverter.ToMillis(v);
                    }
                }

                return w;
            case decimal[] a:
                for (var i = 0; i < count; i++)
                {
                    if (nulls.IsEmpty || !nulls[i])
                    {
                        dest[w++] = (long)DecimalConverter.ToUnscaled(a[start + i], field.Precision, field.Scale, field.Name, start + i);
                    }
                }

                return w;
            default:
                throw new ParquetException($"cannot write {values.GetType().Name} as INT64", null, field.Name);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Copy<T>(T[] values, int start, int count, ReadOnlySpan<bool> nulls, Span<T> dest)
    {
        if (nulls.IsEmpty)
        {
            values.AsSpan(start, count).CopyTo(dest);
            return count;
        }

        var w = 0;
        for (var i = 0; i < count; i++)
        {
            if (!nulls[i])
            {
                dest[w++] = values[start + i];
            }
        }

        return w;
    }
}
