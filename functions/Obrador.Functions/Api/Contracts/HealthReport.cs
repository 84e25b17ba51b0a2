namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/health</c> (anonymous): liveness, readiness of each store, serving version, freshness.</summary>
/// <param name="Status"><c>healthy</c>; <c>degraded</c> when a store other than tables fails or data is stale; <c>unhealthy</c> (503) when tables fail.</param>
/// <param name="Version">Application version.</param>
/// <param name="StorageMode"><c>embedded</c> (SQLite + file system), <c>azure-shared-key</c> or <c>azure-token</c>.</param>
/// <param name="Stores">One entry per store.</param>
/// <param name="ServingVersion">Live serving version, or <c>none</c>.</param>
/// <param name="PreviousVersion">Version a rollback would return to, if any.</param>
/// <param name="PublishedAt">When the live version was published, if known.</param>
/// <param name="DataAgeHours">Hours since <paramref name="PublishedAt"/>, if known.</param>
/// <param name="Fresh">True when the data is younger than <c>Serving:MaxDataAge</c>.</param>
/// <param name="CheckedAt">When this report was made (reports are reused for <c>Serving:HealthCacheDuration</c>).</param>
public sealed record HealthReport(
    string Status, string Version, string StorageMode, IReadOnlyList<StoreHealth> Stores,
    string ServingVersion, string? PreviousVersion, DateTimeOffset? PublishedAt, double? DataAgeHours, bool Fresh, DateTimeOffset CheckedAt);
