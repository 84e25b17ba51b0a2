namespace Obrador.Ingestion.Bronze;

/// <summary>
/// Serialises a list of bronze records into one file and back (Parquet in production); the seam keeps the ingestion logic independent of the file codec.
/// </summary>
/// <remarks>Implementations are stateless and thread safe.</remarks>
public interface IRecordFileFormat
{
    /// <summary>Writes all <paramref name="records"/> to <paramref name="destination"/> (not closed).</summary>
    /// <param name="destination">Writable stream.</param>
    /// <param name="records">Records in file order; may be empty.</param>
    /// <param name="metadata">File-level key/value metadata (who, when, counts), or null.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task WriteAsync<T>(Stream destination, IReadOnlyList<T> records, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Reads every record of a file written by <see cref="WriteAsync{T}"/>.</summary>
    /// <param name="source">Readable (and seekable) stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<T>> ReadAsync<T>(Stream source, CancellationToken cancellationToken)
        where T : class;
}
