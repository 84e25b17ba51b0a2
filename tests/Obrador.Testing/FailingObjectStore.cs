using Obrador.Lake.Storage;

namespace Obrador.Testing;

/// <summary>
/// Wraps an object store and fails its puts (<see cref="StorageErrorKind.Unavailable"/>, as a storage outage would)
/// whose path matches <c>pattern</c> — <c>prefix*</c> or <c>prefix*suffix</c> — while <see cref="Armed"/>, at most
/// <see cref="Failures"/> times. Every other call goes to the inner store.
/// </summary>
public sealed class FailingObjectStore(IObjectStore inner, string pattern) : IObjectStore
{
    /// <summary>Whether matching puts fail now (true at first).</summary>
    public bool Armed { get; set; } = true;

    /// <summary>How many more matching puts fail (unbounded by default).</summary>
    public int Failures { get; set; } = int.MaxValue;

    /// <inheritdoc />
    public string Describe => inner.Describe;

    /// <inheritdoc />
    public Task<ObjectInfo> PutAsync(string path, Stream content, WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        if (Armed && Failures > 0 && Matches(path))
        {
            Failures--;
            throw new StorageException(StorageErrorKind.Unavailable, path, "injected failure");
        }

        return inner.PutAsync(path, content, condition, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ObjectContent?> GetAsync(string path, ByteRange? range = null, CancellationToken cancellationToken = default) => inner.GetAsync(path, range, cancellationToken);

    /// <inheritdoc />
    public Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken = default) => inner.GetInfoAsync(path, cancellationToken);

    /// <inheritdoc />
    public Task<ObjectPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, continuationToken, pageSize, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) => inner.DeleteAsync(path, cancellationToken);

    /// <inheritdoc />
    public Task CheckAsync(CancellationToken cancellationToken = default) => inner.CheckAsync(cancellationToken);

    private bool Matches(string path)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        return star < 0
            ? path.StartsWith(pattern, StringComparison.Ordinal)
            : path.StartsWith(pattern[..star], StringComparison.Ordinal) && path.EndsWith(pattern[(star + 1)..], StringComparison.Ordinal);
    }
}
