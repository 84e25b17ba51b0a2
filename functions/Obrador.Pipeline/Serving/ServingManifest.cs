using System.Text.Json;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Orchestration;

namespace Obrador.Pipeline.Serving;

/// <summary>
/// What the score stages of a run wrote to each serving table (<c>gold/_pipeline/runs/{run}/serving/{table}.json</c>),
/// so <c>publish</c> can refuse to flip to a version in which a table readers need is missing.
/// </summary>
public static class ServingManifest
{
    /// <summary>Every versioned serving table (<c>CostAnomalies</c> is not versioned).</summary>
    public static IReadOnlyList<string> VersionedTables { get; } =
    [
        ServingTables.Recommendations, ServingTables.SimilarItems, ServingTables.Trending, ServingTables.Forecasts,
        ServingTables.ForecastAccuracy, ServingTables.CostForecasts, ServingTables.TagSuggestions,
    ];

    private static string PathOf(string runId, string table) => $"{PipelinePaths.Root}/runs/{runId}/serving/{table}.json";

    /// <summary>Records that <paramref name="rows"/> rows of <paramref name="table"/> were written for the run (after writing them).</summary>
    public static Task RecordAsync(IObjectStore lake, string runId, string table, long rows, CancellationToken cancellationToken = default) =>
        lake.PutAsync(PathOf(runId, table), new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, long> { ["rows"] = rows })), default, cancellationToken);

    /// <summary>Rows recorded for <paramref name="table"/> in the run, or null when the table was not written.</summary>
    public static async Task<long?> RowsAsync(IObjectStore lake, string runId, string table, CancellationToken cancellationToken = default)
    {
        await using var content = await lake.GetAsync(PathOf(runId, table), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return null;
        }

        var doc = await JsonSerializer.DeserializeAsync<Dictionary<string, long>>(content.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
        return doc?.GetValueOrDefault("rows");
    }
}
