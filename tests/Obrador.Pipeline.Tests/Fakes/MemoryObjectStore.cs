using System.Collections.Concurrent;
using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Tests.Fakes;

/// <summary>An in-memory <see cref="IObjectStore"/> with the port's semantics (conditions, ordered paged listing).</summary>
internal sealed class MemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ETag)> _objects = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private long _etag;

    public string Describe => "memory";

    public IReadOnlyDictionary<string, byte[]> Snapshot() => _objects.ToDictionary(kv => kv.Key, kv => kv.Value.Bytes, StringComparer.Ordinal);

    public async Task<ObjectInfo> PutAsync(string path, Stream content, WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        Check(path);
        using var ms = new MemoryStream();
        await content.CopyToAsync(ms, cancellationToken);
        lock (_gate)
        {
            var exists = _objects.TryGetValue(path, out var current);
            if (condition.IfNoneExists && exists)
            {
                throw new StorageException(StorageErrorKind.PreconditionFailed, path, "Object exists.", 409);
            }

            if (condition.IfMatch is { } m && (!exists || current.ETag != m))
            {
                throw new StorageException(StorageErrorKind.PreconditionFailed, path, "ETag mismatch.", 412);
            }

            var etag = "\"" + Interlocked.Increment(ref _etag) + "\"";
            _objects[path] = (ms.ToArray(), etag);
            return new ObjectInfo(path, ms.Length, etag, DateTimeOffset.UnixEpoch);
        }
    }

    public Task<ObjectContent?> GetAsync(string path, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        Check(path);
        if (!_objects.TryGetValue(path, out var o))
        {
            return Task.FromResult<ObjectContent?>(null);
        }

        var bytes = o.Bytes;
        if (range is { } r)
        {
            var start = (int)Math.Min(r.Offset, bytes.Length);
            var len = (int)Math.Min(r.Length ?? bytes.Length, bytes.Length - start);
            bytes = bytes.AsSpan(start, len).ToArray();
        }

        return Task.FromResult<ObjectContent?>(new ObjectContent(new ObjectInfo(path, o.Bytes.Length, o.ETag, DateTimeOffset.UnixEpoch), new MemoryStream(bytes, false)));
    }

    public Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(_objects.TryGetValue(path, out var o) ? new ObjectInfo(path, o.Bytes.Length, o.ETag, DateTimeOffset.UnixEpoch) : null);

    public Task<ObjectPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        var items = _objects.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Where(kv => continuationToken is null || string.CompareOrdinal(kv.Key, continuationToken) > 0)
            .Take(pageSize + 1)
            .Select(kv => new ObjectInfo(kv.Key, kv.Value.Bytes.Length, kv.Value.ETag, DateTimeOffset.UnixEpoch))
            .ToList();
        var more = items.Count > pageSize;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        return Task.FromResult(new ObjectPage(items, more ? items[^1].Path : null));
    }

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(_objects.TryRemove(path, out _));

    public Task CheckAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    private static void Check(string path)
    {
        var segments = path.Split('/');
        if (segments.Length < 2 || segments.Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"Invalid path '{path}'.", nameof(path));
        }
    }
}
