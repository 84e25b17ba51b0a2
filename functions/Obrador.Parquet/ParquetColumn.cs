namespace Obrador.Parquet;

/// <summary>
/// The values of one column in a <see cref="ColumnBatch"/>: a typed array of the field's CLR type
/// (<see cref="ParquetField.ClrType"/>) with at least <see cref="ColumnBatch.RowCount"/> elements, and an optional
/// null mask where <c>true</c> marks a null row. For <c>string</c> and <c>byte[]</c> columns a null array element is
/// also a null. Columns read from a file always carry a mask when the field is nullable; the value at a null row is
/// the type's default.
/// </summary>
public sealed class ParquetColumn
{
    internal ParquetColumn(ParquetField field, Array values, bool[]? nulls)
    {
        Field = field;
        Values = values;
        Nulls = nulls;
    }

    /// <summary>The column's schema field.</summary>
    public ParquetField Field { get; }

    /// <summary>The typed value array (e.g. <c>long[]</c>, <c>string?[]</c>, <c>DateTime[]</c>).</summary>
    public Array Values { get; }

    /// <summary>Null mask (<c>true</c> = null), or null when no row is null.</summary>
    public bool[]? Nulls { get; }

    /// <summary>True when row <paramref name="row"/> is null.</summary>
    public bool IsNull(int row) =>
        (Nulls is not null && Nulls[row]) || (Values is object?[] refs && refs[row] is null);

    /// <summary>The value array as <typeparamref name="T"/>[].</summary>
    /// <exception cref="InvalidCastException">The column's CLR type is not <typeparamref name="T"/>.</exception>
    public T[] As<T>() => Values as T[] ?? throw new InvalidCastException(
        $"column '{Field.Name}' of type {Field.Type} holds {Values.GetType().Name}, not {typeof(T).Name}[]");
}
