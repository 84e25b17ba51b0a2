using Microsoft.Extensions.Caching.Memory;
using Obrador.Functions.Observability;

namespace Obrador.Functions.Serving;

/// <summary>
/// In-memory cache of serialized answers and parsed rows, keyed by serving version (callers put the version in the
/// key), bounded by <see cref="ServingOptions.CacheSizeLimitBytes"/>. Thread safe.
/// </summary>
/// <remarks>
/// Keys carry the version, so a publish or rollback never serves a stale entry; <see cref="Invalidate"/> then frees
/// the memory of the old generation at once instead of waiting for eviction.
/// </remarks>
internal sealed class ServingCache : IDisposable
{
    private readonly ObradorMetrics _metrics;
    private readonly MemoryCache _cache;
    private long _mutableGeneration;

    public ServingCache(ServingOptions options, ObradorMetrics metrics)
    {
        _metrics = metrics;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.CacheSizeLimitBytes, CompactionPercentage = 0.25 });
    }

    /// <summary>Looks an entry up and counts the hit or miss.</summary>
    public bool TryGet<T>(string key, out T value)
        where T : class
    {
        if (_cache.TryGetValue(key, out var found) && found is T typed)
        {
            _metrics.RecordCacheLookup(hit: true);
            value = typed;
            return true;
        }

        _metrics.RecordCacheLookup(hit: false);
        value = null!;
        return false;
    }

    /// <summary>Stores an entry whose approximate memory cost is <paramref name="sizeBytes"/>.</summary>
    public void Set(string key, object value, long sizeBytes)
    {
        using var entry = _cache.CreateEntry(key);
        entry.Value = value;
        entry.Size = Math.Max(64, sizeBytes + (key.Length * 2));
    }

    /// <summary>Drops every entry (a new serving version went live, or an operator asked to reload).</summary>
    /// <remarks>Clears in place rather than swapping instances: readers racing with a rollback must never see a disposed cache.</remarks>
    public void Invalidate() => _cache.Clear();

    /// <summary>
    /// Generation of the tables operators change in place (cost anomaly status); callers put it in their keys and
    /// <see cref="BumpMutable"/> after a write, so the next read misses.
    /// </summary>
    public long MutableGeneration => Interlocked.Read(ref _mutableGeneration);

    /// <summary>Starts a new generation of the mutable tables' entries.</summary>
    public void BumpMutable() => Interlocked.Increment(ref _mutableGeneration);

    /// <summary>Number of entries currently held.</summary>
    public int Count => _cache.Count;

    public void Dispose() => _cache.Dispose();
}
