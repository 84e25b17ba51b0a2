using Obrador.Ingestion.Bronze;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Etl.Gold;
using Obrador.Pipeline.Etl.Silver;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Quality;

namespace Obrador.Pipeline.Stages;

/// <summary>
/// silver → gold, one partition per data product: <c>daily_sales</c>, <c>interactions</c>, <c>item_catalog</c>,
/// <c>daily_cost</c>, <c>inventory</c>.
/// </summary>
/// <remarks>
/// Each product recomputes exactly the dates the silver stage touched in this run (a backfill: its range), whole, from
/// silver, in a deterministic row order; unchanged partitions are not rewritten, so reprocessing the same input yields
/// byte-identical gold. Statistics for the quality gate include silver → gold reconciliation sums.
/// </remarks>
public sealed class GoldStage : IPipelineStage
{
    /// <summary>The stage name, <c>gold</c>.</summary>
    public const string StageName = "gold";

    /// <summary>The data products, in plan order.</summary>
    public static readonly IReadOnlyList<string> Products = ["daily_sales", "interactions", "item_catalog", "daily_cost", "inventory"];

    private readonly EtlOptions _options;
    private readonly IdNormalizer _ids;

    /// <summary>Creates the stage.</summary>
    public GoldStage(EtlOptions options)
    {
        options.Validate();
        _options = options;
        _ids = new IdNormalizer(options.IdMappings);
    }

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) => Task.FromResult(Products);

    /// <inheritdoc />
    public Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken) => partition switch
    {
        "daily_sales" => DailySalesAsync(context, cancellationToken),
        "interactions" => InteractionsAsync(context, cancellationToken),
        "item_catalog" => CatalogAsync(context, cancellationToken),
        "daily_cost" => DailyCostAsync(context, cancellationToken),
        "inventory" => InventoryAsync(context, cancellationToken),
        _ => throw new PipelineException($"Unknown gold product '{partition}'.", StageName, partition),
    };

    private static async Task<SortedSet<DateOnly>> DatesAsync(StageContext ctx, CancellationToken ct, params string[] entities)
    {
        var dates = new SortedSet<DateOnly>();
        foreach (var e in entities)
        {
            dates.UnionWith(await RunState.LoadTouchedAsync(ctx.Lake, ctx.Run.RunId, e, ct).ConfigureAwait(false));
        }

        return dates;
    }

    private async Task<StageOutcome> DailySalesAsync(StageContext ctx, CancellationToken ct)
    {
        var dates = await DatesAsync(ctx, ct, SilverTransforms.PosSales, SilverTransforms.Uploads).ConfigureAwait(false);
        if (dates.Count == 0)
        {
            await RunState.SaveStatsAsync(ctx.Lake, ctx.Run.RunId, new DatasetStats { Dataset = "gold/daily_sales" }, ct).ConfigureAwait(false);
            return StageOutcome.Of(0);
        }

        var from = dates.Min.AddDays(-_options.ZeroFillLookbackDays);
        var window = Enumerable.Range(0, dates.Max.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i)).ToList();
        var pos = await LakeIo.ReadPartitionsAsync<SilverEvent>(ctx.Lake, d => LakeIo.Silver(SilverTransforms.PosSales, d), window, ct).ConfigureAwait(false);
        var uploads = await LakeIo.ReadPartitionsAsync<SilverUpload>(ctx.Lake, d => LakeIo.Silver(SilverTransforms.Uploads, d), window, ct).ConfigureAwait(false);
        var rows = DailySalesBuilder.Build(pos, uploads, dates.Min, dates.Max, _options.ZeroFillLookbackDays)
            .Where(r => dates.Contains(r.Date))
            .ToList();
        var byDate = rows.GroupBy(r => r.Date).ToDictionary(g => g.Key, g => (IReadOnlyList<DailySalesRow>)g.ToList());
        await PartitionCommit.CommitAsync(ctx, "gold.daily_sales", d => LakeIo.Gold("daily_sales", d), dates.Select(d => (d, byDate.GetValueOrDefault(d, []))), ct).ConfigureAwait(false);

        // Reconciliation: till units of keys without an upload + uploaded units must equal gold units on those dates.
        var uploadKeys = uploads.Where(u => dates.Contains(u.Date)).Select(u => (u.StoreId, u.ProductId, u.Date)).ToHashSet();
        var expectedUnits = pos.Where(p => dates.Contains(p.BusinessDate) && p.StoreId is not null && p.ProductId is not null && !uploadKeys.Contains((p.StoreId, p.ProductId, p.BusinessDate))).Sum(p => p.Quantity ?? 1)
            + uploads.Where(u => dates.Contains(u.Date)).Sum(u => u.Units);
        await RunState.SaveStatsAsync(ctx.Lake, ctx.Run.RunId, new DatasetStats
        {
            Dataset = "gold/daily_sales",
            InputRows = pos.Count(p => dates.Contains(p.BusinessDate)) + uploads.Count(u => dates.Contains(u.Date)),
            OutputRows = rows.Count,
            Partitions = dates.Count,
            Duplicates = rows.Count - rows.Select(r => (r.StoreId, r.ProductId, r.Date)).Distinct().Count(),
            Invalid = new Dictionary<string, long> { ["units"] = rows.LongCount(r => r.Units < 0 || !double.IsFinite(r.Units)), ["price"] = rows.LongCount(r => r.Price < 0) },
            Nulls = new Dictionary<string, long> { ["price"] = rows.LongCount(r => double.IsNaN(r.Price)) },
            Ranges = rows.Count == 0 ? new Dictionary<string, double[]>() : new Dictionary<string, double[]> { ["units"] = [rows.Min(r => r.Units), rows.Max(r => r.Units)] },
            Reconciliation = new Dictionary<string, double[]> { ["units"] = [expectedUnits, rows.Sum(r => r.Units)] },
        }, ct).ConfigureAwait(false);
        return new StageOutcome { Rows = rows.Count, Inputs = dates.Select(LakeIo.Day).ToList() };
    }

    private async Task<StageOutcome> InteractionsAsync(StageContext ctx, CancellationToken ct)
    {
        var dates = await DatesAsync(ctx, ct, SilverTransforms.Events).ConfigureAwait(false);
        var events = await LakeIo.ReadPartitionsAsync<SilverEvent>(ctx.Lake, d => LakeIo.Silver(SilverTransforms.Events, d), dates, ct).ConfigureAwait(false);
        var rows = GoldBuilders.Interactions(events, _options.InteractionWeights, _ids);
        var byDate = rows.GroupBy(r => r.Date).ToDictionary(g => g.Key, g => (IReadOnlyList<InteractionRow>)g.ToList());
        await PartitionCommit.CommitAsync(ctx, "gold.interactions", d => LakeIo.Gold("interactions", d), dates.Select(d => (d, byDate.GetValueOrDefault(d, []))), ct).ConfigureAwait(false);
        var users = rows.Select(r => r.UserId).Distinct(StringComparer.Ordinal).LongCount();
        var items = rows.Select(r => r.ItemId).Distinct(StringComparer.Ordinal).LongCount();
        await RunState.SaveStatsAsync(ctx.Lake, ctx.Run.RunId, new DatasetStats
        {
            Dataset = "gold/interactions",
            InputRows = events.Count,
            OutputRows = rows.Count,
            Partitions = dates.Count,
            Users = users,
            Items = items,
            Nulls = new Dictionary<string, long> { ["user_id"] = events.LongCount(e => e.UserId is null) },
            Invalid = new Dictionary<string, long> { ["weight"] = rows.LongCount(r => !(r.Weight >= 0)) },
            LatestAt = rows.Count > 0 ? rows.Max(r => r.OccurredAt) : null,
        }, ct).ConfigureAwait(false);
        return new StageOutcome { Rows = rows.Count, Inputs = dates.Select(LakeIo.Day).ToList() };
    }

    private static async Task<StageOutcome> CatalogAsync(StageContext ctx, CancellationToken ct)
    {
        var events = await DatesAsync(ctx, ct, SilverTransforms.Events).ConfigureAwait(false);
        var pos = await DatesAsync(ctx, ct, SilverTransforms.PosSales).ConfigureAwait(false);
        var rows = new List<SilverEvent>();
        rows.AddRange(await LakeIo.ReadPartitionsAsync<SilverEvent>(ctx.Lake, d => LakeIo.Silver(SilverTransforms.Events, d), events, ct).ConfigureAwait(false));
        rows.AddRange(await LakeIo.ReadPartitionsAsync<SilverEvent>(ctx.Lake, d => LakeIo.Silver(SilverTransforms.PosSales, d), pos, ct).ConfigureAwait(false));
        var path = LakeIo.GoldSingle("item_catalog");
        var existing = await LakeIo.ReadAsync<ItemCatalogRow>(ctx.Lake, path, ct).ConfigureAwait(false);
        var catalog = GoldBuilders.ItemCatalog(existing, rows);
        await LakeIo.ReplaceAsync(ctx.Lake, path, catalog, ct).ConfigureAwait(false);
        await RunState.SaveStatsAsync(ctx.Lake, ctx.Run.RunId, new DatasetStats
        {
            Dataset = "gold/item_catalog",
            InputRows = rows.Count,
            OutputRows = catalog.Count,
            Nulls = new Dictionary<string, long> { ["price"] = catalog.LongCount(c => double.IsNaN(c.Price)), ["description"] = catalog.LongCount(c => c.Description is null) },
            Invalid = new Dictionary<string, long> { ["price"] = catalog.LongCount(c => c.Price < 0) },
        }, ct).ConfigureAwait(false);
        return new StageOutcome { Rows = catalog.Count, Inputs = [path] };
    }

    private static async Task<StageOutcome> DailyCostAsync(StageContext ctx, CancellationToken ct)
    {
        var dates = await DatesAsync(ctx, ct, SilverTransforms.Billing).ConfigureAwait(false);
        var lines = await LakeIo.ReadPartitionsAsync<SilverBilling>(ctx.Lake, d => LakeIo.Silver(SilverTransforms.Billing, d), dates, ct).ConfigureAwait(false);
        var rows = GoldBuilders.DailyCost(lines);
        var byDate = rows.GroupBy(r => r.Date).ToDictionary(g => g.Key, g => (IReadOnlyList<DailyCostRow>)g.ToList());
        await PartitionCommit.CommitAsync(ctx, "gold.daily_cost", d => LakeIo.Gold("daily_cost", d), dates.Select(d => (d, byDate.GetValueOrDefault(d, []))), ct).ConfigureAwait(false);
        await RunState.SaveStatsAsync(ctx.Lake, ctx.Run.RunId, new DatasetStats
        {
            Dataset = "gold/daily_cost",
            InputRows = lines.Count,
            OutputRows = rows.Count,
            Partitions = dates.Count,
            Reconciliation = new Dictionary<string, double[]>
            {
                ["cost"] = [lines.Sum(l => l.Cost), rows.Sum(r => r.Cost)],
                ["lines"] = [lines.Count, rows.Sum(r => r.Lines)],
            },
            Invalid = new Dictionary<string, long> { ["cost"] = rows.LongCount(r => !double.IsFinite(r.Cost)) },
        }, ct).ConfigureAwait(false);
        return new StageOutcome { Rows = rows.Count, Inputs = dates.Select(LakeIo.Day).ToList() };
    }

    private static async Task<StageOutcome> InventoryAsync(StageContext ctx, CancellationToken ct)
    {
        var changed = await DatesAsync(ctx, ct, SilverTransforms.Inventory, SilverTransforms.PosSales).ConfigureAwait(false);
        if (changed.Count == 0)
        {
            return StageOutcome.Of(0);
        }

        var snapshotDates = await LakeIo.PartitionDatesAsync(ctx.Lake, "silver", SilverTransforms.Inventory, ct).ConfigureAwait(false);
        var snapshots = await LakeIo.ReadPartitionsAsync<SilverEvent>(ctx.Lake, d => LakeIo.Silver(SilverTransforms.Inventory, d), snapshotDates, ct).ConfigureAwait(false);
        var rows = Array.Empty<InventoryRow>() as IReadOnlyList<InventoryRow>;
        if (snapshots.Count > 0)
        {
            // Only till lines after the oldest "latest snapshot" can adjust anything.
            var oldestLatest = snapshots.GroupBy(s => (s.StoreId, s.ProductId)).Min(g => g.Max(s => s.BusinessDate));
            var posDates = (await LakeIo.PartitionDatesAsync(ctx.Lake, "silver", SilverTransforms.PosSales, ct).ConfigureAwait(false)).Where(d => d >= oldestLatest.AddDays(-1));
            var pos = await LakeIo.ReadPartitionsAsync<SilverEvent>(ctx.Lake, d => LakeIo.Silver(SilverTransforms.PosSales, d), posDates, ct).ConfigureAwait(false);
            rows = GoldBuilders.Inventory(snapshots, pos);
        }

        await LakeIo.ReplaceAsync(ctx.Lake, LakeIo.GoldSingle("inventory"), rows, ct).ConfigureAwait(false);
        await RunState.SaveStatsAsync(ctx.Lake, ctx.Run.RunId, new DatasetStats
        {
            Dataset = "gold/inventory",
            InputRows = snapshots.Count,
            OutputRows = rows.Count,
            Invalid = new Dictionary<string, long> { ["on_hand"] = rows.LongCount(r => r.OnHand < 0) },
        }, ct).ConfigureAwait(false);
        return new StageOutcome { Rows = rows.Count, Inputs = [LakeIo.GoldSingle("inventory")] };
    }
}
