using System.Text;
using System.Text.Json;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Quality;

namespace Obrador.Pipeline.Stages;

/// <summary>
/// The quality gate: evaluates the checks over the statistics silver and gold wrote for this run, stores the JSON report
/// and a Markdown summary in the lake, and stops the run (before anything is published) when a check is critical,
/// writing an alert record.
/// </summary>
public sealed class QualityGateStage : IPipelineStage
{
    /// <summary>The stage name, <c>quality-gate</c>.</summary>
    public const string StageName = "quality-gate";

    private readonly QualityOptions _options;

    /// <summary>Creates the gate.</summary>
    public QualityGateStage(QualityOptions options)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>Lake path of the trailing volume history.</summary>
    public static string VolumeHistoryPath => PipelinePaths.Root + "/quality/volume.json";

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(["_all"]);

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken)
    {
        var run = context.Run;
        var stats = await RunState.LoadStatsAsync(context.Lake, run.RunId, cancellationToken).ConfigureAwait(false);
        var history = await LoadHistoryAsync(context, cancellationToken).ConfigureAwait(false);
        var trailing = history.ToDictionary(
            h => h.Key,
            h => (IReadOnlyList<long>)h.Value.Where(e => string.CompareOrdinal(e.Key, run.RunId) < 0).Select(e => e.Value).ToList(),
            StringComparer.Ordinal);
        var checks = QualityEvaluator.Evaluate(stats, trailing, run.ScheduledAt, _options);
        var report = new QualityReport(run.RunId, context.Clock.GetUtcNow(), checks, stats.OrderBy(s => s.Dataset, StringComparer.Ordinal).ToList());
        await Put(context, PipelinePaths.QualityReport(run.RunId), JsonSerializer.SerializeToUtf8Bytes(report, QualityJson.Options), cancellationToken).ConfigureAwait(false);
        await Put(context, PipelinePaths.QualitySummary(run.RunId), Encoding.UTF8.GetBytes(report.ToMarkdown()), cancellationToken).ConfigureAwait(false);

        // Record this run's volumes keyed by run id, so a replay replaces rather than appends.
        foreach (var s in stats.Where(s => s.OutputRows > 0))
        {
            if (!history.TryGetValue(s.Dataset, out var entries))
            {
                history[s.Dataset] = entries = new SortedDictionary<string, long>(StringComparer.Ordinal);
            }

            entries[run.RunId] = s.OutputRows;
            while (entries.Count > 60)
            {
                entries.Remove(entries.Keys.First());
            }
        }

        await Put(context, VolumeHistoryPath, JsonSerializer.SerializeToUtf8Bytes(history), cancellationToken).ConfigureAwait(false);
        var warnings = checks.Where(c => c.Severity == QualityReport.Warning).Select(c => $"{c.Dataset} {c.Check}: {c.Message}").ToList();
        var critical = checks.Where(c => c.Severity == QualityReport.Critical).ToList();
        if (critical.Count == 0)
        {
            return new StageOutcome { Rows = checks.Count, Inputs = stats.Select(s => s.Dataset).ToList(), Warnings = warnings };
        }

        var reason = "critical quality checks: " + string.Join("; ", critical.Select(c => $"{c.Dataset} {c.Check}: {c.Message}"));
        var alert = JsonSerializer.SerializeToUtf8Bytes(new { runId = run.RunId, at = context.Clock.GetUtcNow(), reason, checks = critical }, QualityJson.Options);
        await Put(context, PipelinePaths.Alert(run.RunId), alert, cancellationToken).ConfigureAwait(false);
        return new StageOutcome { Rows = checks.Count, Inputs = stats.Select(s => s.Dataset).ToList(), Warnings = warnings, HaltReason = reason };
    }

    private static async Task<Dictionary<string, SortedDictionary<string, long>>> LoadHistoryAsync(StageContext context, CancellationToken ct)
    {
        var bytes = await LakeIo.ReadBytesAsync(context.Lake, VolumeHistoryPath, ct).ConfigureAwait(false);
        var loaded = bytes is null ? null : JsonSerializer.Deserialize<Dictionary<string, SortedDictionary<string, long>>>(bytes);
        return loaded is null
            ? new Dictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal)
            : loaded.ToDictionary(kv => kv.Key, kv => new SortedDictionary<string, long>(kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static Task Put(StageContext context, string path, byte[] bytes, CancellationToken ct) =>
        context.Lake.PutAsync(path, new MemoryStream(bytes, false), default, ct);
}
