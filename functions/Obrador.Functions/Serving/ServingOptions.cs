namespace Obrador.Functions.Serving;

/// <summary>
/// Settings of the read API (configuration section <c>Serving</c>, e.g. <c>Serving__VersionTtl=00:00:10</c>).
/// </summary>
public sealed record ServingOptions
{
    /// <summary>How long the resolved serving pointer is trusted before it is read again; default 30 s, 0 to 1 h.</summary>
    public TimeSpan VersionTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound of the in-memory response cache, in bytes of cached JSON; default 64 MiB.</summary>
    public long CacheSizeLimitBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary><c>Cache-Control: private, max-age</c> of read responses, in seconds; default 30, 0 to 86400.</summary>
    public int ClientCacheSeconds { get; init; } = 30;

    /// <summary>Widest <c>from</c>..<c>to</c> range a request may ask for, in days; default 366.</summary>
    public int MaxRangeDays { get; init; } = 366;

    /// <summary>Most rows one list response returns (forecast points, tag suggestions, runs); default 2000.</summary>
    public int MaxRows { get; init; } = 2000;

    /// <summary>How many month partitions back <c>PATCH /api/costs/anomalies/{id}</c> looks when no month is given; default 13.</summary>
    public int AnomalyLookbackMonths { get; init; } = 13;

    /// <summary>Model names listed by <c>GET /api/models</c> when no <c>name</c> is given (the table is partitioned by name).</summary>
    public IReadOnlyList<string> ModelNames { get; init; } = ["sales-forecast", "recommender", "finops"];

    /// <summary>Published data older than this makes <c>/api/health</c> report <c>fresh=false</c>; default 36 h.</summary>
    public TimeSpan MaxDataAge { get; init; } = TimeSpan.FromHours(36);

    /// <summary>How long a health report is reused, so probes cannot hammer the stores; default 2 s.</summary>
    public TimeSpan HealthCacheDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its documented range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(VersionTtl, TimeSpan.Zero, nameof(VersionTtl));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(VersionTtl, TimeSpan.FromHours(1), nameof(VersionTtl));
        ArgumentOutOfRangeException.ThrowIfLessThan(CacheSizeLimitBytes, 1024L * 1024, nameof(CacheSizeLimitBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(ClientCacheSeconds, nameof(ClientCacheSeconds));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ClientCacheSeconds, 86400, nameof(ClientCacheSeconds));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRangeDays, 1, nameof(MaxRangeDays));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRows, 1, nameof(MaxRows));
        ArgumentOutOfRangeException.ThrowIfLessThan(AnomalyLookbackMonths, 1, nameof(AnomalyLookbackMonths));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxDataAge, TimeSpan.Zero, nameof(MaxDataAge));
        ArgumentOutOfRangeException.ThrowIfLessThan(HealthCacheDuration, TimeSpan.Zero, nameof(HealthCacheDuration));
    }
}
