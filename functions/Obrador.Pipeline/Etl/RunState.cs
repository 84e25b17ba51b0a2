using System.Text.Json;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Orchestration;

namespace Obrador.Pipeline.Etl;

/// <summary>
/// Per-run hand-over between stages, in the lake: the business dates each silver entity changed (what gold must
/// recompute) and the per-dataset statistics the quality gate checks (<c>gold/_pipeline/runs/{runId}/…</c>).
/// </summary>
internal static class RunState
{
    public static string TouchedPath(string runId, string entity) => $"{PipelinePaths.Root}/runs/{runId}/touched/{entity}.json";

    public static string StatsPath(string runId, string dataset) => $"{PipelinePaths.Root}/runs/{runId}/stats/{dataset.Replace('/', '.')}.json";

    public static string StatsPrefix(string runId) => $"{PipelinePaths.Root}/runs/{runId}/stats/";

    public static Task SaveTouchedAsync(IObjectStore lake, string runId, string entity, IEnumerable<DateOnly> dates, CancellationToken cancellationToken) =>
        lake.PutAsync(TouchedPath(runId, entity), new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(dates.Distinct().Order().ToList())), default, cancellationToken);

    /// <summary>Dates changed by the silver stage for <paramref name="entity"/> in this run (empty when none).</summary>
    public static async Task<IReadOnlyList<DateOnly>> LoadTouchedAsync(IObjectStore lake, string runId, string entity, CancellationToken cancellationToken)
    {
        var bytes = await LakeIo.ReadBytesAsync(lake, TouchedPath(runId, entity), cancellationToken).ConfigureAwait(false);
        return bytes is null ? [] : JsonSerializer.Deserialize<List<DateOnly>>(bytes) ?? [];
    }

    public static Task SaveStatsAsync(IObjectStore lake, string runId, Quality.DatasetStats stats, CancellationToken cancellationToken) =>
        lake.PutAsync(StatsPath(runId, stats.Dataset), new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(stats, Quality.QualityJson.Options)), default, cancellationToken);

    public static async Task<IReadOnlyList<Quality.DatasetStats>> LoadStatsAsync(IObjectStore lake, string runId, CancellationToken cancellationToken)
    {
        var all = new List<Quality.DatasetStats>();
        foreach (var f in await LakeIo.ListAsync(lake, StatsPrefix(runId), cancellationToken).ConfigureAwait(false))
        {
            var bytes = await LakeIo.ReadBytesAsync(lake, f.Path, cancellationToken).ConfigureAwait(false);
            if (bytes is not null && JsonSerializer.Deserialize<Quality.DatasetStats>(bytes, Quality.QualityJson.Options) is { } s)
            {
                all.Add(s);
            }
        }

        return all;
    }
}
