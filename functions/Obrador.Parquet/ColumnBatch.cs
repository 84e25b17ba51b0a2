namespace Obrador.Parquet;

/// <summary>
/// A block of rows in columnar form: one <see cref="ParquetColumn"/> per schema field, each a typed array plus an
/// optional null mask. Writers take batches of any size; readers return one batch per row group (holding only the
/// projected columns). Not thread-safe while being filled.
/// </summary>
/// <example>
/// <code>
/// var batch = new ColumnBatch(schema, 3)
///     .Set("id", new long[] { 1, 2, 3 })
///     .Set("name", new string?[] { "a", null, "c" })
///     .Set("qty", new int[] { 5, 0, 7 }, nulls: new[] { false, true, false });
/// </code>
/// </example>
public sealed class ColumnBatch
{
    private readonly ParquetColumn?[] _columns;

    /// <summary>Creates an empty batch of <paramref name="rowCount"/> rows; fill every column with <see cref="Set(string, Array, bool[])"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowCount"/> is negative.</exception>
    public ColumnBatch(ParquetSchema schema, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        Schema = schema;
        RowCount = rowCount;
        _columns = new ParquetColumn?[schema.Count];
    }

    internal ColumnBatch(ParquetSchema schema, int rowCount, ParquetColumn[] columns)
    {
        Schema = schema;
        RowCount = rowCount;
        _columns = columns;
    }

    /// <summary>The schema of the columns in this batch (for read batches, the projected columns only).</summary>
    public ParquetSchema Schema { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The column at <paramref name="index"/>.</summary>
    /// <exception cref="InvalidOperationException">The column was not set.</exception>
    public ParquetColumn this[int index] =>
        _columns[index] ?? throw new InvalidOperationException($"column '{Schema[index].Name}' was not set");

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public ParquetColumn this[string name] => this[IndexOfOrThrow(name)];

    /// <summary>
    /// Sets a column's values and optional null mask (<c>true</c> = null); returns this batch for chaining. A STRING
    /// column also takes <c>byte[]</c> values holding UTF-8 text, written as they are (not re-checked).
    /// </summary>
    /// <exception cref="ArgumentException">Wrong element type for the field, or arrays shorter than <see cref="RowCount"/>.</exception>
    public ColumnBatch Set(string name, Array values, bool[]? nulls = null) => Set(IndexOfOrThrow(name), values, nulls);

    /// <summary>Sets the column at <paramref name="index"/>; see <see cref="Set(string, Array, bool[])"/>.</summary>
    public ColumnBatch Set(int index, Array values, bool[]? nulls = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var field = Schema[index];
        var element = values.GetType().GetElementType();
        if ((element != field.ClrType && !(field.Type == ParquetType.String && element == typeof(byte[]))) || values.Rank != 1)
        {
            throw new ArgumentException($"column '{field.Name}' of type {field.Type} needs {field.ClrType.Name}[], got {values.GetType().Name}", nameof(values));
        }

        if (values.Length < RowCount || (nulls is not null && nulls.Length < RowCount))
        {
            throw new ArgumentException($"column '{field.Name}': arrays hold fewer than {RowCount} rows", nameof(values));
        }

        _columns[index] = new ParquetColumn(field, values, nulls);
        return this;
    }

    /// <summary>Typed values of column <paramref name="name"/>, e.g. <c>batch.Get&lt;long&gt;("id")</c>.</summary>
    public T[] Get<T>(string name) => this[name].As<T>();

    internal bool IsSet(int index) => _columns[index] is not null;

    private int IndexOfOrThrow(string name) =>
        Schema.IndexOf(name) is var i and >= 0 ? i : throw new KeyNotFoundException($"no column '{name}' in the batch schema");
}
