using System.Text;

namespace Obrador.Parquet;

/// <summary>Inclusive range test against a column's min/max statistics (equality is a range of one value).</summary>
internal sealed class RangePredicate : ParquetPredicate
{
    private readonly string _column;
    private readonly object? _min;
    private readonly object? _max;

    public RangePredicate(string column, object? min, object? max)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        _column = column;
        _min = min;
        _max = max;
    }

    internal override bool MightMatch(ParquetSchema schema, ParquetRowGroup group)
    {
        var index = schema.IndexOf(_column);
        if (index < 0)
        {
            throw new ArgumentException($"predicate column '{_column}' is not in the file");
        }

        var field = schema[index];
        var stats = group.Columns[index];
        if (stats.NullCount is { } nulls && nulls >= group.RowCount && group.RowCount > 0)
        {
            return false;
        }

        if (stats.Min is null || stats.Max is null)
        {
            return true;
        }

        if (_min is not null && Compare(field, stats.Max, _min) < 0)
        {
            return false;
        }

        return _max is null || Compare(field, stats.Min, _max) <= 0;
    }

    private static int Compare(ParquetField field, object stat, object value)
    {
        try
        {
            switch (field.Type)
            {
                case ParquetType.String:
                    return Encoding.UTF8.GetBytes((string)stat).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!));
                case ParquetType.Binary:
                case ParquetType.FixedBinary:
                    return ((byte[])stat).AsSpan().SequenceCompareTo((byte[])value);
                case ParquetType.Float:
                case ParquetType.Double:
                    return Convert.ToDouble(stat, System.Globalization.CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                case ParquetType.TimestampMillis:
                case ParquetType.TimestampMicros:
                    var dt = value is DateTimeOffset dto ? dto.UtcDateTime : (DateTime)value;
                    return ((DateTime)stat).Ticks.CompareTo(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime().Ticks : dt.Ticks);
                case ParquetType.Date:
                    return ((DateOnly)stat).CompareTo((DateOnly)value);
                case ParquetType.Boolean:
                    return ((bool)stat).CompareTo((bool)value);
                default:
                    return Convert.ToDecimal(stat, System.Globalization.CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            throw new ArgumentException($"predicate value {value} ({value.GetType().Name}) cannot be compared with column '{field.Name}' of type {field.Type}", ex);
        }
    }
}
