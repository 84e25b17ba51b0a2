namespace Obrador.Parquet;

/// <summary>
/// The single exception type for malformed, truncated or unsupported Parquet input and for values that do not fit
/// the schema on write. Carries the absolute file offset (when known), the column name (when known) and, for write
/// errors, the row index within the offending batch.
/// </summary>
public sealed class ParquetException : Exception
{
    /// <summary>Creates an exception with a message only.</summary>
    public ParquetException()
        : this("Parquet format error")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public ParquetException(string message)
        : this(message, null, null, null, null)
    {
    }

    /// <summary>Creates an exception wrapping an inner cause.</summary>
    public ParquetException(string message, Exception innerException)
        : this(message, null, null, null, innerException)
    {
    }

    /// <summary>Creates an exception naming the file offset and column involved.</summary>
    /// <param name="message">What is wrong, without the location (it is appended).</param>
    /// <param name="offset">Absolute byte offset in the file, or null when unknown.</param>
    /// <param name="column">Column name, or null when the error is not about one column.</param>
    /// <param name="row">Row index in the batch being written, or null.</param>
    /// <param name="innerException">Underlying cause, if any.</param>
    public ParquetException(string message, long? offset, string? column = null, long? row = null, Exception? innerException = null)
        : base(Compose(message, offset, column, row), innerException)
    {
        Offset = offset;
        Column = column;
        Row = row;
    }

    /// <summary>Absolute byte offset in the file where the problem was found, or null.</summary>
    public long? Offset { get; }

    /// <summary>Name of the column involved, or null.</summary>
    public string? Column { get; }

    /// <summary>Row index (within the written batch) of the offending value, or null.</summary>
    public long? Row { get; }

    /// <summary>Returns a copy of this exception with the column filled in when it was not known at the throw site.</summary>
    internal ParquetException WithColumn(string column) =>
        Column is not null ? this : new ParquetException(BareMessage, Offset, column, Row, InnerException);

    private string BareMessage
    {
        get
        {
            var i = Message.IndexOf(" (at ", StringComparison.Ordinal);
            return i < 0 ? Message : Message[..i];
        }
    }

    private static string Compose(string message, long? offset, string? column, long? row)
    {
        var parts = new List<string>(3);
        if (offset is { } o)
        {
            parts.Add($"offset {o}");
        }

        if (column is not null)
        {
            parts.Add($"column '{column}'");
        }

        if (row is { } r)
        {
            parts.Add($"row {r}");
        }

        return parts.Count == 0 ? message : $"{message} (at {string.Join(", ", parts)})";
    }
}
