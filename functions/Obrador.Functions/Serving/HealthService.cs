using System.Diagnostics;
using System.Reflection;
using Obrador.Functions.Api.Contracts;
using Obrador.Functions.Extensions;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Serving;

/// <summary>Builds <c>/api/health</c> reports, reusing one for <see cref="ServingOptions.HealthCacheDuration"/>. Thread safe.</summary>
internal sealed class HealthService
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);
    private static readonly string AppVersion =
        typeof(HealthService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private readonly ITableStore _tables;
    private readonly IObjectStore _objects;
    private readonly ServingVersionProvider _versions;
    private readonly StorageInfo _storage;
    private readonly ServingOptions _options;
    private readonly TimeProvider _time;
    private volatile HealthReport? _last;

    public HealthService(ITableStore tables, IObjectStore objects, ServingVersionProvider versions, StorageInfo storage, ServingOptions options, TimeProvider time)
    {
        _tables = tables;
        _objects = objects;
        _versions = versions;
        _storage = storage;
        _options = options;
        _time = time;
    }

    /// <summary>The current report (possibly reused).</summary>
    public async Task<HealthReport> GetAsync(CancellationToken cancellationToken)
    {
        var last = _last;
        if (last is not null && _time.GetUtcNow() - last.CheckedAt < _options.HealthCacheDuration)
        {
            return last;
        }

        var tables = await CheckAsync("tables", _tables.CheckAsync, cancellationToken);
        var objects = await CheckAsync("objects", _objects.CheckAsync, cancellationToken);
        ServingPointer pointer;
        try
        {
            pointer = tables.Reachable ? await _versions.GetAsync(cancellationToken) : ServingPointer.None;
        }
        catch (StorageException)
        {
            pointer = ServingPointer.None;
        }

        var now = _time.GetUtcNow();
        double? ageHours = pointer.PublishedAt is { } at ? Math.Round((now - at).TotalHours, 2) : null;
        var fresh = pointer.PublishedAt is { } published && now - published <= _options.MaxDataAge;
        var status = !tables.Reachable ? "unhealthy" : (!objects.Reachable || !fresh) ? "degraded" : "healthy";
        var report = new HealthReport(status, AppVersion, _storage.Mode, [tables, objects], pointer.Label, pointer.Previous, pointer.PublishedAt, ageHours, fresh, now);
        _last = report;
        return report;
    }

    private static async Task<StoreHealth> CheckAsync(string name, Func<CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await check(timeout.Token).WaitAsync(timeout.Token);
            return new StoreHealth(name, true, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2), null);
        }
        catch (StorageException ex)
        {
            return new StoreHealth(name, false, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2), ex.Kind.ToString());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new StoreHealth(name, false, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2), "Timeout");
        }
    }
}
