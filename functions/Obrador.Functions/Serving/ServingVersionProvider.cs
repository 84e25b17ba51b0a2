using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Serving;

/// <summary>
/// Resolves the live serving version from the pointer row <c>ServingVersion(serving, current)</c>, trusts it for
/// <see cref="ServingOptions.VersionTtl"/>, and drops the response cache whenever the version changes. Thread safe.
/// </summary>
internal sealed class ServingVersionProvider
{
    /// <summary>Partition key of the pointer row.</summary>
    public const string PointerPartition = "serving";

    /// <summary>Row key of the pointer row.</summary>
    public const string PointerRow = "current";

    private readonly ITableStore _tables;
    private readonly ServingCache _cache;
    private readonly ServingOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot? _current;

    public ServingVersionProvider(ITableStore tables, ServingCache cache, ServingOptions options, TimeProvider time)
    {
        _tables = tables;
        _cache = cache;
        _options = options;
        _time = time;
    }

    /// <summary>The live pointer; re-read when older than the TTL (one caller refreshes, the others keep the old one).</summary>
    public ValueTask<ServingPointer> GetAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = _current;
        if (snapshot is not null && _time.GetUtcNow() - snapshot.LoadedAt < _options.VersionTtl)
        {
            return ValueTask.FromResult(snapshot.Pointer);
        }

        return new ValueTask<ServingPointer>(RefreshSlowAsync(snapshot, cancellationToken));
    }

    /// <summary>Reads the pointer now and drops every cached answer (operator reload).</summary>
    public async Task<ServingPointer> ReloadAsync(CancellationToken cancellationToken = default)
    {
        var pointer = await ReadAsync(cancellationToken).ConfigureAwait(false);
        _current = new Snapshot(pointer, _time.GetUtcNow());
        _cache.Invalidate();
        return pointer;
    }

    /// <summary>
    /// Makes <see cref="ServingPointer.Previous"/> live again (rollback), remembering the version it replaces as the
    /// new previous one, and drops the cache.
    /// </summary>
    /// <returns>The new pointer, or null when there is no previous version to return to.</returns>
    public async Task<ServingPointer?> RollbackAsync(CancellationToken cancellationToken = default)
    {
        var current = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (current.Previous is null)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var row = new TableEntity(PointerPartition, PointerRow)
        {
            ["Version"] = current.Previous,
            ["Previous"] = current.Version,
            ["PublishedAt"] = now,
            ["RolledBackFrom"] = current.Version,
        };
        await _tables.UpsertAsync(ServingTables.ServingVersion, row, UpsertMode.Merge, cancellationToken).ConfigureAwait(false);
        var pointer = new ServingPointer(current.Previous, current.Version, now);
        _current = new Snapshot(pointer, now);
        _cache.Invalidate();
        return pointer;
    }

    private async Task<ServingPointer> RefreshSlowAsync(Snapshot? stale, CancellationToken cancellationToken)
    {
        if (stale is not null && !_refresh.Wait(0, CancellationToken.None))
        {
            return stale.Pointer;
        }

        if (stale is null)
        {
            await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var fresh = _current;
            if (fresh is not null && fresh != stale && _time.GetUtcNow() - fresh.LoadedAt < _options.VersionTtl)
            {
                return fresh.Pointer;
            }

            ServingPointer pointer;
            try
            {
                pointer = await ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException) when (fresh is not null)
            {
                // Keep serving the last known version through a storage blip; the next request tries again.
                return fresh.Pointer;
            }

            if (fresh is not null && fresh.Pointer.Version != pointer.Version)
            {
                _cache.Invalidate();
            }

            _current = new Snapshot(pointer, _time.GetUtcNow());
            return pointer;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<ServingPointer> ReadAsync(CancellationToken cancellationToken)
    {
        var row = await _tables.GetAsync(ServingTables.ServingVersion, PointerPartition, PointerRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row is null || string.IsNullOrEmpty(row.GetString("Version")))
        {
            return ServingPointer.None;
        }

        var previous = row.GetString("Previous");
        return new ServingPointer(row.GetString("Version"), string.IsNullOrEmpty(previous) ? null : previous, row.GetDateTimeOffset("PublishedAt"));
    }

    private sealed record Snapshot(ServingPointer Pointer, DateTimeOffset LoadedAt);
}
