namespace Obrador.Lake.Serving;

/// <summary>
/// Names and key layout of the serving tables: the contract between the pipeline stages that publish
/// precomputed answers and the HTTP endpoints that read them (see <c>docs/serving-tables.md</c>).
/// </summary>
/// <remarks>
/// Published data is versioned: its partition key starts with the serving version (<c>v20261121T020000Z</c>) and a
/// <c>|</c>, so a new version is written beside the old one and made live by flipping the single
/// <see cref="ServingVersion"/> row; readers never see a mix, and rollback flips the pointer back.
/// </remarks>
public static class ServingTables
{
    /// <summary>Pointer row: PK <c>serving</c>, RK <c>current</c>; properties <c>Version</c>, <c>Previous</c>, <c>PublishedAt</c>.</summary>
    public const string ServingVersion = "ServingVersion";

    /// <summary>PK <c>{version}|{userId}</c>, RK <c>top</c>; <c>Items</c> (JSON <c>[{"id","score"}]</c>), <c>Source</c>, <c>GeneratedAt</c>.</summary>
    public const string Recommendations = "Recommendations";

    /// <summary>PK <c>{version}|{itemId}</c>, RK <c>similar</c>; <c>Items</c>, <c>Source</c> (<c>collaborative</c>|<c>content</c>), <c>GeneratedAt</c>.</summary>
    public const string SimilarItems = "SimilarItems";

    /// <summary>PK <c>{version}|{window}</c> (<c>1d</c>|<c>7d</c>|<c>30d</c>), RK category or <c>_all</c>; <c>Items</c>, <c>GeneratedAt</c>.</summary>
    public const string Trending = "Trending";

    /// <summary>PK <c>{version}|{storeId}</c>, RK <c>{productId}|{horizon:D2}|{targetDate:yyyy-MM-dd}</c>; <c>P10</c>, <c>P50</c>, <c>P90</c>, <c>ModelVersion</c>, <c>GeneratedAt</c>.</summary>
    public const string Forecasts = "Forecasts";

    /// <summary>PK <c>{version}|{storeId}</c> (or <c>_all</c>), RK <c>{model}|{horizon:D2}</c>; <c>MAE</c>, <c>RMSE</c>, <c>WMAPE</c>, <c>Bias</c>, <c>MASE</c>, <c>Coverage</c>.</summary>
    public const string ForecastAccuracy = "ForecastAccuracy";

    /// <summary>PK <c>{version}|{scope}</c>, RK <c>{date:yyyy-MM-dd}</c> (<c>P10</c>, <c>P50</c>, <c>P90</c>) and <c>_summary</c> (<c>EndOfMonth</c>, <c>Budget</c>, <c>BudgetUsed</c>).</summary>
    public const string CostForecasts = "CostForecasts";

    /// <summary>Not versioned (operators change <c>Status</c>): PK <c>{yyyy-MM}</c>, RK anomaly id.</summary>
    public const string CostAnomalies = "CostAnomalies";

    /// <summary>PK <c>{version}|{subscription}</c>, RK <c>{resourceKey}|{tag}</c>; <c>ResourceId</c>, <c>Tag</c>, <c>Value</c>, <c>Confidence</c>.</summary>
    public const string TagSuggestions = "TagSuggestions";

    /// <summary>Run ledger: PK <c>run</c>, RK run id (summary); PK run id, RK <c>{stage}|{partition}</c> (stage records).</summary>
    public const string Runs = "Runs";

    /// <summary>Model registry index: PK model name, RK version; <c>Role</c> (champion|challenger|retired), <c>Metrics</c> JSON.</summary>
    public const string Models = "Models";

    /// <summary>API keys: PK <c>key</c>, RK key id; <c>Salt</c>, <c>Hash</c>, <c>Role</c>, <c>Stores</c>.</summary>
    public const string ApiKeys = "ApiKeys";

    /// <summary>Audit trail: PK <c>{yyyy-MM-dd}</c>, RK <c>{inverted ticks}|{guid}</c>.</summary>
    public const string Audit = "Audit";

    /// <summary>Near-real-time counters from ingestion: PK <c>trending|{yyyy-MM-dd}</c> or <c>inventory|{storeId}</c>.</summary>
    public const string Counters = "Counters";

    /// <summary>Every table the app uses, for provisioning (infra and the embedded default).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ServingVersion, Recommendations, SimilarItems, Trending, Forecasts, ForecastAccuracy, CostForecasts,
        CostAnomalies, TagSuggestions, Runs, Models, ApiKeys, Audit, Counters,
    ];

    /// <summary>Partition key of versioned data: <c>{version}|{id}</c>.</summary>
    public static string VersionedKey(string version, string id) => version + "|" + id;
}
