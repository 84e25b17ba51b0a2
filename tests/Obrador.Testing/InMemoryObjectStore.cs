using System.Collections.Concurrent;
using Obrador.Lake.Storage;

namespace Obrador.Testing;

/// <summary>A thread-safe in-memory IObjectStore for tests that inspect every write or simulate an outage (<c>FailWrites</c>).</summary>
public sealed class InMemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, ObjectInfo Info)> _objects = new(StringComparer.Ordinal);
    private long _version;

    public string Describe => "memory";

    public int Puts;

    public bool FailWrites { get; set; }

    public IReadOnlyCollection<string> Paths => _objects.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

    public async Task<ObjectInfo> PutAsync(string path, Stream content, WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        if (FailWrites)
        {
            throw new StorageException(StorageErrorKind.Unavailable, path, "store down");
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        lock (_objects)
        {
            var exists = _objects.TryGetValue(path, out var current);
            if (condition.IfNoneExists && exists)
            {
                throw new StorageException(StorageErrorKind.PreconditionFailed, path, "exists");
            }

            if (condition.IfMatch is { } etag && (!exists || current.Info.ETag != etag))
            {
                throw new StorageException(StorageErrorKind.PreconditionFailed, path, "etag mismatch");
            }

            var info = new ObjectInfo(path, buffer.Length, "\"" + Interlocked.Increment(ref _version) + "\"", DateTimeOffset.UnixEpoch);
            _objects[path] = (buffer.ToArray(), info);
            Interlocked.Increment(ref Puts);
            return info;
        }
    }

    public Task<ObjectContent?> GetAsync(string path, ByteRange? range = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_objects.TryGetValue(path, out var o) ? new ObjectContent(o.Info, new MemoryStream(o.Bytes, false)) : null);

    public Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(_objects.TryGetValue(path, out var o) ? o.Info : null);

    public Task<ObjectPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        var items = _objects.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Where(kv => continuationToken is null || string.CompareOrdinal(kv.Key, continuationToken) > 0)
            .Take(pageSize + 1).Select(kv => kv.Value.Info).ToList();
        var more = items.Count > pageSize;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        return Task.FromResult(new ObjectPage(items, more ? items[^1].Path : null));
    }

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(_objects.TryRemove(path, out _));

    public Task CheckAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public byte[] Bytes(string path) => _objects[path].Bytes;
}
