using System.Text.Json.Serialization;

namespace Obrador.Pipeline.Registry;

/// <summary>
/// The manifest of one trained model version, stored as <c>models/{name}/{version}/manifest.json</c> beside its
/// artifacts; JSON Schema: <c>models/manifest.schema.json</c>.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>Model family name, e.g. <c>forecast-daily</c>, 1-64 of <c>[a-z0-9-]</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Version id, e.g. <c>v20261121T020000Z</c> (the training run's serving version); ordinal order is time order.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>When training finished (UTC, injected clock).</summary>
    [JsonPropertyName("trainedAt")]
    public required DateTimeOffset TrainedAt { get; init; }

    /// <summary>First day of the training data (inclusive).</summary>
    [JsonPropertyName("trainingFrom")]
    public required DateOnly TrainingFrom { get; init; }

    /// <summary>Last day of the training data (inclusive).</summary>
    [JsonPropertyName("trainingTo")]
    public required DateOnly TrainingTo { get; init; }

    /// <summary>Rows of training data per input dataset, e.g. <c>{"gold/daily_sales": 93412}</c>.</summary>
    [JsonPropertyName("rowCounts")]
    public required IReadOnlyDictionary<string, long> RowCounts { get; init; }

    /// <summary>Hyperparameters as strings (invariant culture).</summary>
    [JsonPropertyName("parameters")]
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>Code version that trained it (assembly informational version, plus commit when known).</summary>
    [JsonPropertyName("codeVersion")]
    public required string CodeVersion { get; init; }

    /// <summary>Identifies the backtest the metrics come from (e.g. <c>rolling-origin:2022-08-01..2022-09-30:h7</c>); only equal backtests are compared.</summary>
    [JsonPropertyName("backtest")]
    public required string Backtest { get; init; }

    /// <summary>Backtest metrics by name (e.g. <c>wmape</c>, <c>mase</c>, <c>ndcg@10</c>).</summary>
    [JsonPropertyName("metrics")]
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Role at the time the manifest was last written (see <see cref="ModelRole"/>).</summary>
    [JsonPropertyName("role")]
    public required string Role { get; init; }

    /// <summary>Artifact file names relative to the version folder, in order.</summary>
    [JsonPropertyName("artifacts")]
    public IReadOnlyList<string> Artifacts { get; init; } = [];
}
