namespace Obrador.Ingestion;

/// <summary>
/// The one exception type of ingestion for input that cannot be read at all (an unreadable file, an over-large or
/// corrupt archive): says what, and where (file, row, column, byte offset) when known.
/// </summary>
/// <remarks>
/// Record-level problems (one bad event, one bad row) are not exceptions: they become quarantine records or report
/// lines and the rest of the input goes through. This exception is for the whole input.
/// </remarks>
public sealed class IngestionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">Stable machine code, e.g. <c>xlsx.too_large</c>.</param>
    /// <param name="message">Human message naming the field or part at fault.</param>
    /// <param name="source">File or input the problem is in, when known.</param>
    /// <param name="row">1-based data row, when known.</param>
    /// <param name="column">Column name, when known.</param>
    /// <param name="offset">Byte offset, when known.</param>
    /// <param name="inner">Underlying exception.</param>
    public IngestionException(string code, string message, string? source = null, long? row = null, string? column = null, long? offset = null, Exception? inner = null)
        : base($"{code}: {message}", inner)
    {
        Code = code;
        InputSource = source;
        Row = row;
        Column = column;
        Offset = offset;
    }

    /// <summary>Stable machine code.</summary>
    public string Code { get; }

    /// <summary>File or input the problem is in.</summary>
    public string? InputSource { get; }

    /// <summary>1-based data row.</summary>
    public long? Row { get; }

    /// <summary>Column name.</summary>
    public string? Column { get; }

    /// <summary>Byte offset.</summary>
    public long? Offset { get; }
}
