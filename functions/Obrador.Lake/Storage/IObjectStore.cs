namespace Obrador.Lake.Storage;

/// <summary>
/// Port for the lake's object store (Azure Blob Storage in the cloud, the file system locally).
/// </summary>
/// <remarks>
/// Paths are <c>container/name</c>: the first segment is the container (<c>bronze</c>, <c>silver</c>, <c>gold</c>,
/// <c>quarantine</c>, <c>models</c>, <c>billing-exports</c>, <c>uploads</c>), the rest the object name with <c>/</c>
/// separators. Segments may not be empty, <c>.</c> or <c>..</c>; invalid paths throw <see cref="ArgumentException"/>.
/// Every failure of the backing service surfaces as <see cref="StorageException"/> naming the resource.
/// Implementations are thread safe.
/// </remarks>
public interface IObjectStore
{
    /// <summary>A short description for health reports, e.g. <c>filesystem:/data/lake</c> or <c>blob:https://acct.blob.core.windows.net</c>.</summary>
    string Describe { get; }

    /// <summary>Writes <paramref name="content"/> (read to its end) at <paramref name="path"/>.</summary>
    /// <param name="path">Object path, <c>container/name</c>.</param>
    /// <param name="content">Bytes to store; any length (large objects are uploaded in blocks).</param>
    /// <param name="condition">Overwrite (default), only-if-absent, or only-if the current ETag matches.</param>
    /// <param name="cancellationToken">Cancels the upload; nothing partial becomes visible.</param>
    /// <returns>The stored object's metadata, with its new ETag.</returns>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.PreconditionFailed"/> when the condition does not hold.</exception>
    Task<ObjectInfo> PutAsync(string path, Stream content, WriteCondition condition = default, CancellationToken cancellationToken = default);

    /// <summary>Opens the object for reading, whole or a byte range; <see langword="null"/> when it does not exist.</summary>
    /// <param name="path">Object path, <c>container/name</c>.</param>
    /// <param name="range">Optional byte range; a range past the end is clamped to the object's length.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The content stream (caller disposes) and metadata, or <see langword="null"/>.</returns>
    Task<ObjectContent?> GetAsync(string path, ByteRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>Metadata of one object, or <see langword="null"/> when it does not exist.</summary>
    Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Lists objects whose path starts with <paramref name="prefix"/>, in ordinal path order, one page at a time.</summary>
    /// <param name="prefix">Path prefix; must include the container segment (<c>bronze/events/</c>).</param>
    /// <param name="continuationToken">Token from the previous page, or <see langword="null"/> for the first.</param>
    /// <param name="pageSize">Maximum items per page, 1 to 5000.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<ObjectPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object; returns <see langword="false"/> when it did not exist.</summary>
    Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Checks that the store is reachable and authorised (for <c>/api/health</c>).</summary>
    /// <exception cref="StorageException">When it is not.</exception>
    Task CheckAsync(CancellationToken cancellationToken = default);
}

/// <summary>Precondition of a write: overwrite, create only, or replace only the version with a given ETag.</summary>
/// <param name="IfNoneExists">Write only if no object exists at the path (put-if-absent; HTTP <c>If-None-Match: *</c>).</param>
/// <param name="IfMatch">Write only if the current object's ETag equals this value (optimistic concurrency).</param>
public readonly record struct WriteCondition(bool IfNoneExists = false, string? IfMatch = null)
{
    /// <summary>Write only when the path is free.</summary>
    public static WriteCondition IfAbsent => new(IfNoneExists: true);

    /// <summary>Write only when the object still has <paramref name="etag"/>.</summary>
    public static WriteCondition IfETag(string etag) => new(IfMatch: etag);
}

/// <summary>An inclusive-exclusive byte range <c>[Offset, Offset + Length)</c>; <see cref="Length"/> null reads to the end.</summary>
public readonly record struct ByteRange(long Offset, long? Length = null);

/// <summary>Metadata of a stored object.</summary>
/// <param name="Path">Full path, <c>container/name</c>.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="ETag">Opaque version tag; changes on every write.</param>
/// <param name="LastModified">Time of the last write (UTC).</param>
public sealed record ObjectInfo(string Path, long Length, string ETag, DateTimeOffset LastModified);

/// <summary>An open object: its metadata and a readable stream (dispose it).</summary>
public sealed record ObjectContent(ObjectInfo Info, Stream Content) : IDisposable, IAsyncDisposable
{
    /// <inheritdoc />
    public void Dispose() => Content.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>One page of a listing; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record ObjectPage(IReadOnlyList<ObjectInfo> Items, string? ContinuationToken);
