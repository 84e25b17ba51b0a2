namespace Obrador.Parquet;

/// <summary>
/// A filter used to skip whole row groups by their column statistics (min, max, null count) before reading them.
/// It never filters rows inside a row group that may match: callers still test each row. Values are given in the
/// column's CLR type or a convertible one (any integer or decimal for numeric columns, <c>DateTime</c> for timestamps,
/// <c>DateOnly</c> for dates, <c>string</c> for strings compared by UTF-8 bytes).
/// </summary>
public abstract class ParquetPredicate
{
    private protected ParquetPredicate()
    {
    }

    /// <summary>Row groups whose <paramref name="column"/> may equal <paramref name="value"/>.</summary>
    public static ParquetPredicate Equal(string column, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new RangePredicate(column, value, value);
    }

    /// <summary>Row groups whose <paramref name="column"/> may hold a value in [<paramref name="min"/>, <paramref name="max"/>] (inclusive; null = unbounded).</summary>
    public static ParquetPredicate Between(string column, object? min, object? max) => new RangePredicate(column, min, max);

    /// <summary>Row groups that may match every part.</summary>
    public static ParquetPredicate And(params ParquetPredicate[] parts) => new AndPredicate(parts);

    /// <summary>False only when the statistics prove no row of <paramref name="group"/> can match.</summary>
    /// <exception cref="ArgumentException">Unknown column or a value not convertible to the column's type.</exception>
    internal abstract bool MightMatch(ParquetSchema schema, ParquetRowGroup group);
}
