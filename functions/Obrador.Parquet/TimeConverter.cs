namespace Obrador.Parquet;

/// <summary>
/// Conversions for DATE (days since 1970-01-01) and TIMESTAMP (units since the Unix epoch, UTC) logical types
/// (LogicalTypes.md, "Temporal Types"). <see cref="DateTimeKind.Local"/> values are converted to UTC; unspecified
/// ones are taken as UTC. Ticks finer than the unit are truncated toward negative infinity.
/// </summary>
internal static class TimeConverter
{
    public const long UnixEpochTicks = 621_355_968_000_000_000L;
    public const int UnixEpochDayNumber = 719_162;

    public static long ToMicros(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }

        return Math.DivRem(value.Ticks - UnixEpochTicks, 10, out var rem) - (rem < 0 ? 1 : 0);
    }

    public static long ToMillis(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }

        return Math.DivRem(value.Ticks - UnixEpochTicks, 10_000, out var rem) - (rem < 0 ? 1 : 0);
    }

    public static DateTime FromTicksSinceEpoch(long ticksSinceEpoch, string column, long offset)
    {
        var ticks = ticksSinceEpoch + UnixEpochTicks;
        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks)
        {
            throw new ParquetException("timestamp outside the DateTime range (years 1..9999)", offset, column);
        }

        return new DateTime(ticks, DateTimeKind.Utc);
    }

    public static DateOnly FromDays(int days, string column, long offset)
    {
        var n = (long)days + UnixEpochDayNumber;
        if (n < 0 || n > DateOnly.MaxValue.DayNumber)
        {
            throw new ParquetException("date outside the DateOnly range (years 1..9999)", offset, column);
        }

        return DateOnly.FromDayNumber((int)n);
    }
}
