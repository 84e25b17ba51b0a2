using System.Globalization;
using System.Text.Json;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Orchestration;

/// <summary>
/// The run ledger in the <c>Runs</c> table (<c>docs/serving-tables.md</c>): one summary row per run (PK <c>run</c>,
/// RK run id) and one completion record per stage × partition (PK run id, RK <c>{stage}|{partition}</c>), plus one
/// plan row per stage (RK <c>{stage}|_plan</c>) listing the partitions it fans out over.
/// </summary>
/// <remarks>Thread safe; every write is an idempotent upsert, so replays of the same step converge.</remarks>
public sealed class RunLedger
{
    /// <summary>Partition key of run summary rows.</summary>
    public const string SummaryPartition = "run";

    private const string PlanPartition = "_plan";
    private readonly ITableStore _tables;
    private int _created;

    /// <summary>Creates a ledger over <paramref name="tables"/>.</summary>
    public RunLedger(ITableStore tables) => _tables = tables;

    /// <summary>Creates the <c>Runs</c> table when missing (once per instance).</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await _tables.CreateTableIfNotExistsAsync(ServingTables.Runs, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }

    /// <summary>Records the run as running; keeps the original start time and counts a resume when it existed.</summary>
    /// <returns>The summary as stored.</returns>
    public async Task<RunRecord> StartAsync(PipelineRun run, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var existing = await GetRunAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        var record = existing is null
            ? new RunRecord(run, RunStatus.Running, now, null, null, null, 0)
            : existing with
            {
                Status = RunStatus.Running,
                FinishedAt = null,
                FailedStage = null,
                Error = null,
                Resumes = existing.Status == RunStatus.Failed ? existing.Resumes + 1 : existing.Resumes,
            };
        await PutRunAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Marks the run succeeded.</summary>
    public async Task CompleteAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var existing = await GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new PipelineException($"Run '{runId}' is not in the ledger.");
        await PutRunAsync(existing with { Status = RunStatus.Succeeded, FinishedAt = now, FailedStage = null, Error = null }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the run failed at <paramref name="stage"/> with <paramref name="error"/>.</summary>
    public async Task FailAsync(string runId, string stage, string error, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var existing = await GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new PipelineException($"Run '{runId}' is not in the ledger.", stage);
        await PutRunAsync(existing with { Status = RunStatus.Failed, FinishedAt = now, FailedStage = stage, Error = Truncate(error) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run's summary, or null.</summary>
    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        var e = await _tables.GetAsync(ServingTables.Runs, SummaryPartition, runId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return e is null ? null : ToRun(e);
    }

    /// <summary>All run summaries in id (= time) order.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await QueryAllAsync(SummaryPartition, null, cancellationToken).ConfigureAwait(false);
        return rows.Select(ToRun).ToList();
    }

    /// <summary>Writes a stage × partition completion (or failure) record.</summary>
    public async Task RecordStageAsync(StageRecord record, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        var e = new TableEntity(record.RunId, record.Stage + "|" + record.Partition)
        {
            ["Status"] = record.Status,
            ["StartedAt"] = record.StartedAt,
            ["DurationMs"] = record.DurationMs,
            ["Rows"] = record.Rows,
            ["Inputs"] = CappedJson(record.Inputs),
            ["Warnings"] = CappedJson(record.Warnings),
            ["Error"] = record.Error is null ? null : Truncate(record.Error),
            ["Attempts"] = record.Attempts,
        };
        await _tables.UpsertAsync(ServingTables.Runs, e, UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One stage × partition record, or null.</summary>
    public async Task<StageRecord?> GetStageAsync(string runId, string stage, string partition, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        var e = await _tables.GetAsync(ServingTables.Runs, runId, stage + "|" + partition, cancellationToken: cancellationToken).ConfigureAwait(false);
        return e is null ? null : ToStage(e);
    }

    /// <summary>Every stage × partition record of the run (plan rows excluded), in row-key order.</summary>
    public async Task<IReadOnlyList<StageRecord>> ListStagesAsync(string runId, string? stage = null, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAllAsync(runId, stage, cancellationToken).ConfigureAwait(false);
        return rows.Where(r => !r.RowKey.EndsWith("|" + PlanPartition, StringComparison.Ordinal)).Select(ToStage).ToList();
    }

    /// <summary>Stores the stage's plan unless one exists; returns the stored plan (first writer wins on replays).</summary>
    public async Task<IReadOnlyList<string>> SavePlanAsync(string runId, string stage, IReadOnlyList<string> partitions, CancellationToken cancellationToken = default)
    {
        var existing = await GetPlanAsync(runId, stage, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        var e = new TableEntity(runId, stage + "|" + PlanPartition) { ["Partitions"] = JsonSerializer.Serialize(partitions) };
        await _tables.UpsertAsync(ServingTables.Runs, e, UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
        return partitions;
    }

    /// <summary>The stage's stored plan, or null when it was not planned yet.</summary>
    public async Task<IReadOnlyList<string>?> GetPlanAsync(string runId, string stage, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        var e = await _tables.GetAsync(ServingTables.Runs, runId, stage + "|" + PlanPartition, cancellationToken: cancellationToken).ConfigureAwait(false);
        return e?.GetString("Partitions") is { } json ? JsonSerializer.Deserialize<List<string>>(json) : null;
    }

    private async Task<List<TableEntity>> QueryAllAsync(string partitionKey, string? stage, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        TableQuery? query = stage is null
            ? null
            : new TableQuery(
            [
                new TableCondition("RowKey", ComparisonOp.GreaterThanOrEqual, stage + "|"),
                new TableCondition("RowKey", ComparisonOp.LessThan, stage + "}"), // '}' sorts right after '|'
            ]);
        var all = new List<TableEntity>();
        string? token = null;
        do
        {
            var page = await _tables.QueryAsync(ServingTables.Runs, partitionKey, query, token, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }

    private async Task PutRunAsync(RunRecord r, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        var e = new TableEntity(SummaryPartition, r.Run.RunId)
        {
            ["Status"] = r.Status,
            ["Mode"] = r.Run.Mode.ToString(),
            ["ScheduledAt"] = r.Run.ScheduledAt,
            ["From"] = r.Run.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["To"] = r.Run.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["ServingVersion"] = r.Run.ServingVersion,
            ["StartedAt"] = r.StartedAt,
            ["FinishedAt"] = r.FinishedAt,
            ["FailedStage"] = r.FailedStage,
            ["Error"] = r.Error,
            ["Resumes"] = r.Resumes,
        };
        await _tables.UpsertAsync(ServingTables.Runs, e, UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static RunRecord ToRun(TableEntity e)
    {
        var run = new PipelineRun(
            e.RowKey,
            Enum.Parse<RunMode>(e.GetString("Mode") ?? nameof(RunMode.Incremental)),
            e.GetDateTimeOffset("ScheduledAt") ?? DateTimeOffset.MinValue,
            e.GetString("From") is { } f ? DateOnly.ParseExact(f, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            e.GetString("To") is { } t ? DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
        return new RunRecord(
            run,
            e.GetString("Status") ?? RunStatus.Running,
            e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
            e.GetDateTimeOffset("FinishedAt"),
            e.GetString("FailedStage"),
            e.GetString("Error"),
            (int)(e.GetInt64("Resumes") ?? 0));
    }

    private static StageRecord ToStage(TableEntity e)
    {
        var bar = e.RowKey.IndexOf('|', StringComparison.Ordinal);
        return new StageRecord(
            e.PartitionKey,
            e.RowKey[..bar],
            e.RowKey[(bar + 1)..],
            e.GetString("Status") ?? RunStatus.Failed,
            e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
            e.GetInt64("DurationMs") ?? 0,
            e.GetInt64("Rows") ?? 0,
            JsonSerializer.Deserialize<List<string>>(e.GetString("Inputs") ?? "[]") ?? [],
            JsonSerializer.Deserialize<List<string>>(e.GetString("Warnings") ?? "[]") ?? [],
            e.GetString("Error"),
            (int)(e.GetInt64("Attempts") ?? 1));
    }

    // A list too long for one property keeps its head and says how many were left out, so the JSON stays valid.
    private static string CappedJson(IReadOnlyList<string> items)
    {
        var json = JsonSerializer.Serialize(items);
        for (var keep = items.Count / 2; json.Length > 30_000 && keep >= 0; keep /= 2)
        {
            json = JsonSerializer.Serialize(items.Take(keep).Append($"... {items.Count - keep} more").ToList());
            if (keep == 0)
            {
                break;
            }
        }

        return json;
    }

    // Table properties hold at most 64 KiB (32K UTF-16 chars); keep a margin and never fail the ledger on a long message.
    private static string Truncate(string s) => s.Length <= 30_000 ? s : s[..30_000];
}
