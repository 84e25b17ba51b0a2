using Microsoft.Extensions.Logging;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Etl.Silver;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Quality;

namespace Obrador.Pipeline.Stages;

/// <summary>
/// bronze → silver, one partition per source (<c>events</c>, <c>sales</c>, <c>billing</c>).
/// </summary>
/// <remarks>
/// <para><b>events</b>: incremental over the files the watermark has not seen (backfill: every file, keeping rows
/// whose business date is in range and rebuilding exactly those partitions). Rows are typed and normalised, routed to
/// <c>silver/events|pos_sales|inventory/date={business date}/</c> (late data lands in its own day), deduplicated on
/// <c>event_id</c> against silver within the lookback, and merged into each partition in canonical order.</para>
/// <para><b>sales</b> and <b>billing</b> are small: silver is rebuilt from every bronze file (newest upload version
/// wins, tombstoned uploads excluded) and only partitions whose bytes change are rewritten.</para>
/// <para>A bronze file that cannot be parsed is copied to <c>quarantine/{source}/_unreadable/</c> with a reason and the
/// run continues with a warning. The watermark advances after the outputs, and the dates changed are handed to gold.</para>
/// </remarks>
public sealed class SilverStage : IPipelineStage
{
    /// <summary>The stage name, <c>silver</c>.</summary>
    public const string StageName = "silver";

    private readonly EtlOptions _options;
    private readonly IdNormalizer _ids;
    private readonly BusinessCalendar _calendar;

    /// <summary>Creates the stage.</summary>
    public SilverStage(EtlOptions options)
    {
        options.Validate();
        _options = options;
        _ids = new IdNormalizer(options.IdMappings);
        _calendar = new BusinessCalendar(options);
    }

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(["events", "sales", "billing"]);

    /// <inheritdoc />
    public Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken) => partition switch
    {
        "events" => EventsAsync(context, cancellationToken),
        "sales" => SalesAsync(context, cancellationToken),
        "billing" => BillingAsync(context, cancellationToken),
        _ => throw new PipelineException($"Unknown silver partition '{partition}'.", StageName, partition),
    };

    private async Task<StageOutcome> EventsAsync(StageContext ctx, CancellationToken ct)
    {
        var run = ctx.Run;
        var watermarks = new WatermarkStore(ctx.Lake);
        var files = run.Mode == RunMode.Incremental
            ? await watermarks.NewFilesAsync("events", LakePaths.BronzeEventsPrefix, ct).ConfigureAwait(false)
            : await LakeIo.ListAsync(ctx.Lake, LakePaths.BronzeEventsPrefix, ct).ConfigureAwait(false);
        var warnings = new List<string>();
        var incoming = new List<SilverEvent>();
        long inputRows = 0;
        var unreadable = 0;
        foreach (var f in files)
        {
            var rows = await BronzeFiles.ReadOrQuarantineAsync<BronzeEvent>(ctx, "events", f, warnings, ct).ConfigureAwait(false);
            if (rows is null)
            {
                unreadable++;
                continue;
            }

            inputRows += rows.Count;
            foreach (var r in rows)
            {
                var s = SilverTransforms.FromBronze(r, f.Path, _ids, _calendar);
                if (run.Covers(s.BusinessDate))
                {
                    incoming.Add(s);
                }
            }
        }

        long written = 0;
        foreach (var entity in new[] { SilverTransforms.Events, SilverTransforms.PosSales, SilverTransforms.Inventory })
        {
            var rows = incoming.Where(e => SilverTransforms.EntityOf(e.EventType) == entity).ToList();
            var (count, stats) = await MergeEntityAsync(ctx, entity, rows, ct).ConfigureAwait(false);
            written += count;
            await RunState.SaveStatsAsync(ctx.Lake, run.RunId, stats with { Files = files.Count, UnreadableFiles = unreadable }, ct).ConfigureAwait(false);
        }

        if (run.Mode == RunMode.Incremental)
        {
            // Backfills read every file but fold in only their date range, so they must not mark files as processed.
            await watermarks.AdvanceAsync("events", files, ct).ConfigureAwait(false);
        }

        ctx.Logger.LogInformation("Silver events: {Files} files, {Input} rows in, {Written} rows in touched partitions", files.Count, inputRows, written);
        return new StageOutcome { Rows = written, Inputs = files.Select(f => f.Path).ToList(), Warnings = warnings };
    }

    private async Task<(long Written, DatasetStats Stats)> MergeEntityAsync(StageContext ctx, string entity, List<SilverEvent> incoming, CancellationToken ct)
    {
        var run = ctx.Run;
        var lookback = _options.DedupLookbackDays;
        var dates = new SortedSet<DateOnly>(incoming.Select(e => e.BusinessDate));
        if (run.Mode == RunMode.Backfill)
        {
            // Rebuild exactly the range: partitions in range with no rows left are removed too.
            var existingDates = await LakeIo.PartitionDatesAsync(ctx.Lake, "silver", entity, ct).ConfigureAwait(false);
            dates.UnionWith(existingDates.Where(run.Covers));
        }

        var stats = new DatasetStats { Dataset = "silver/" + entity, InputRows = incoming.Count };
        if (dates.Count == 0)
        {
            return (0, stats);
        }

        var available = await LakeIo.PartitionDatesAsync(ctx.Lake, "silver", entity, ct).ConfigureAwait(false);
        var window = available.GetViewBetween(dates.Min.AddDays(-lookback), dates.Max.AddDays(lookback));
        var existing = await LakeIo.ReadPartitionsAsync<SilverEvent>(ctx.Lake, d => LakeIo.Silver(entity, d), window, ct).ConfigureAwait(false);
        var context = run.Mode == RunMode.Backfill ? existing.Where(e => !run.Covers(e.BusinessDate)).ToList() : existing;

        // A row already folded in from the same file is a replay (a resumed or repeated run), not a duplicate.
        var folded = context.Select(e => (e.EventId, e.SourceFile)).ToHashSet();
        var fresh = incoming.Where(e => !folded.Contains((e.EventId, e.SourceFile))).ToList();
        var result = EventDeduplicator.Filter(context, fresh, lookback);

        var byDate = result.Kept.GroupBy(e => e.BusinessDate).ToDictionary(g => g.Key, g => g.ToList());
        var keep = run.Mode == RunMode.Backfill ? [] : existing.Where(e => dates.Contains(e.BusinessDate)).GroupBy(e => e.BusinessDate).ToDictionary(g => g.Key, g => g.ToList());
        long written = 0;
        var partitions = dates.Select(d =>
        {
            var rows = EventDeduplicator.Sort(keep.GetValueOrDefault(d, []).Concat(byDate.GetValueOrDefault(d, [])));
            written += rows.Count;
            return (d, rows);
        }).ToList();
        var touched = await PartitionCommit.CommitAsync(ctx, entity, d => LakeIo.Silver(entity, d), partitions, ct).ConfigureAwait(false);

        var kept = result.Kept;
        return (written, stats with
        {
            OutputRows = kept.Count,
            Duplicates = result.Duplicates,
            Partitions = touched.Count,
            LatestAt = kept.Count > 0 ? kept.Max(e => e.OccurredAt) : null,
            Nulls = entity switch
            {
                SilverTransforms.Events => new Dictionary<string, long> { ["user_id"] = kept.LongCount(e => e.UserId is null), ["item_id"] = kept.LongCount(e => e.ItemId is null && e.Basket is null) },
                SilverTransforms.PosSales => new Dictionary<string, long> { ["price"] = kept.LongCount(e => e.Price is null), ["store_id"] = kept.LongCount(e => e.StoreId is null), ["product_id"] = kept.LongCount(e => e.ProductId is null) },
                _ => new Dictionary<string, long> { ["on_hand"] = kept.LongCount(e => e.OnHand is null) },
            },
            Invalid = new Dictionary<string, long> { ["quantity"] = kept.LongCount(e => e.Quantity is < 0), ["price"] = kept.LongCount(e => e.Price is < 0) },
            Reconciliation = new Dictionary<string, double[]> { ["rows"] = [incoming.Count, kept.Count + result.Duplicates + (incoming.Count - fresh.Count)] },
        });
    }

    private async Task<StageOutcome> SalesAsync(StageContext ctx, CancellationToken ct)
    {
        var all = await LakeIo.ListAsync(ctx.Lake, LakePaths.BronzeSalesPrefix, ct).ConfigureAwait(false);
        var tombstonePrefix = LakePaths.BronzeSalesPrefix + "_tombstones/";
        var deleted = all.Where(f => f.Path.StartsWith(tombstonePrefix, StringComparison.Ordinal))
            .Select(f => Path.GetFileNameWithoutExtension(f.Path))
            .ToHashSet(StringComparer.Ordinal);
        var files = all.Where(f => !f.Path.StartsWith(tombstonePrefix, StringComparison.Ordinal) && f.Path.EndsWith(".parquet", StringComparison.Ordinal)).ToList();
        var warnings = new List<string>();
        var rows = new List<BronzeSale>();
        var unreadable = 0;
        foreach (var f in files)
        {
            var r = await BronzeFiles.ReadOrQuarantineAsync<BronzeSale>(ctx, "sales", f, warnings, ct).ConfigureAwait(false);
            if (r is null)
            {
                unreadable++;
            }
            else
            {
                rows.AddRange(r);
            }
        }

        var silver = SilverTransforms.NewestUploads(rows, deleted, _ids).Where(u => ctx.Run.Covers(u.Date)).ToList();
        var touched = await ReplacePartitionsAsync(ctx, SilverTransforms.Uploads, silver, u => u.Date, ct).ConfigureAwait(false);
        var live = rows.Where(r => !deleted.Contains(r.UploadId)).ToList();
        await RunState.SaveStatsAsync(ctx.Lake, ctx.Run.RunId, new DatasetStats
        {
            Dataset = "silver/uploads",
            InputRows = rows.Count,
            OutputRows = silver.Count,
            Files = files.Count,
            UnreadableFiles = unreadable,
            Duplicates = live.Count - live.Select(r => (r.StoreId, r.ProductId, r.Date)).Distinct().Count(),
            Partitions = touched.Count,
            Invalid = new Dictionary<string, long> { ["units"] = silver.LongCount(u => u.Units < 0) },
            Nulls = new Dictionary<string, long> { ["revenue"] = silver.LongCount(u => u.Revenue is null && u.UnitPrice is null) },
        }, ct).ConfigureAwait(false);
        await new WatermarkStore(ctx.Lake).AdvanceAsync("sales", all, ct).ConfigureAwait(false);
        return new StageOutcome { Rows = silver.Count, Inputs = files.Select(f => f.Path).ToList(), Warnings = warnings };
    }

    private async Task<StageOutcome> BillingAsync(StageContext ctx, CancellationToken ct)
    {
        var files = (await LakeIo.ListAsync(ctx.Lake, LakePaths.BronzeBillingPrefix, ct).ConfigureAwait(false))
            .Where(f => f.Path.EndsWith(".parquet", StringComparison.Ordinal) && !f.Path.Contains("/_", StringComparison.Ordinal))
            .ToList();
        var warnings = new List<string>();
        var silver = new List<SilverBilling>();
        long input = 0;
        long undated = 0;
        var unreadable = 0;
        foreach (var f in files)
        {
            var rows = await BronzeFiles.ReadOrQuarantineAsync<BronzeBillingRow>(ctx, "billing", f, warnings, ct).ConfigureAwait(false);
            if (rows is null)
            {
                unreadable++;
                continue;
            }

            input += rows.Count;
            foreach (var r in rows)
            {
                if (SilverTransforms.FromBronze(r) is { } s)
                {
                    if (ctx.Run.Covers(s.Date))
                    {
                        silver.Add(s);
                    }
                }
                else
                {
                    undated++;
                }
            }
        }

        var ordered = silver.OrderBy(s => s.Date).ThenBy(s => s.Source, StringComparer.Ordinal).ToList();
        var touched = await ReplacePartitionsAsync(ctx, SilverTransforms.Billing, ordered, s => s.Date, ct).ConfigureAwait(false);
        await RunState.SaveStatsAsync(ctx.Lake, ctx.Run.RunId, new DatasetStats
        {
            Dataset = "silver/billing",
            InputRows = input,
            OutputRows = silver.Count,
            Files = files.Count,
            UnreadableFiles = unreadable,
            Partitions = touched.Count,
            Nulls = new Dictionary<string, long> { ["date"] = undated, ["resource_id"] = silver.LongCount(s => s.ResourceId.Length == 0) },
            Invalid = new Dictionary<string, long> { ["cost"] = silver.LongCount(s => !double.IsFinite(s.Cost)) },
            Reconciliation = new Dictionary<string, double[]> { ["rows"] = [input, silver.Count + undated] },
        }, ct).ConfigureAwait(false);
        await new WatermarkStore(ctx.Lake).AdvanceAsync("billing", files, ct).ConfigureAwait(false);
        return new StageOutcome { Rows = silver.Count, Inputs = files.Select(f => f.Path).ToList(), Warnings = warnings };
    }

    /// <summary>Writes one partition per date of <paramref name="rows"/>, deletes partitions (in the run's scope) with no rows left, returns the dates touched by the run.</summary>
    private static async Task<IReadOnlyList<DateOnly>> ReplacePartitionsAsync<T>(StageContext ctx, string entity, IReadOnlyList<T> rows, Func<T, DateOnly> dateOf, CancellationToken ct)
    {
        var byDate = rows.GroupBy(dateOf).ToDictionary(g => g.Key, g => (IReadOnlyList<T>)g.ToList());
        var existing = await LakeIo.PartitionDatesAsync(ctx.Lake, "silver", entity, ct).ConfigureAwait(false);
        var partitions = existing.Where(ctx.Run.Covers).Union(byDate.Keys).Order().Select(d => (d, byDate.GetValueOrDefault(d, []))).ToList();
        return await PartitionCommit.CommitAsync(ctx, entity, d => LakeIo.Silver(entity, d), partitions, ct).ConfigureAwait(false);
    }
}
