using Obrador.Ingestion.Bronze;
using Obrador.Parquet;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Etl.Gold;
using Obrador.Pipeline.Etl.Silver;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Quality;
using Obrador.Pipeline.Tests.Fakes;

namespace Obrador.Pipeline.Tests.Etl;

public sealed class EtlPipelineTests
{
    private static readonly DateTimeOffset Night = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    private static readonly EtlOptions Options = new()
    {
        StoreTimeZones = new Dictionary<string, string> { ["EDI-01"] = "Europe/London", ["FR-BAKERY"] = "Europe/Paris" },
    };

    private static LocalPipelineRunner Runner(MemoryObjectStore lake, MemoryTableStore tables, QualityOptions? quality = null) =>
        new(DefaultPipeline.Create(Options, quality), lake, tables, new ManualClock(Night), new PipelineOptions());

    private static async Task<MemoryObjectStore> RealBronzeAsync(int breadDays = int.MaxValue)
    {
        var lake = new MemoryObjectStore();
        foreach (var (path, rows) in BronzeFixture.BreadBasket(breadDays))
        {
            await BronzeFixture.WriteAsync(lake, path, rows);
        }

        foreach (var (path, rows) in BronzeFixture.OnlineRetail())
        {
            await BronzeFixture.WriteAsync(lake, path, rows);
        }

        var (salesPath, sales) = BronzeFixture.BakeryUpload();
        await BronzeFixture.WriteAsync(lake, salesPath, sales);
        return lake;
    }

    private static Dictionary<string, byte[]> Gold(MemoryObjectStore lake) =>
        lake.Snapshot().Where(kv => kv.Key.StartsWith("gold/", StringComparison.Ordinal) && !kv.Key.StartsWith("gold/_pipeline/", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    [Fact]
    public async Task Run_RealDatasets_ProducesSilverGoldQualityReportAndLedger()
    {
        var lake = await RealBronzeAsync();
        var tables = new MemoryTableStore();

        var report = await Runner(lake, tables).RunAsync(RunIds.Create(Night));

        Assert.True(report.Succeeded, report.Summary.Error);
        Assert.Equal(new[] { "silver", "gold", "quality-gate" }, report.Stages.Select(s => s.Stage).Distinct());
        var objects = lake.Snapshot();
        Assert.Contains(objects.Keys, k => k.StartsWith("silver/pos_sales/date=2016-10-30/", StringComparison.Ordinal));
        Assert.Contains(objects.Keys, k => k.StartsWith("silver/uploads/date=2022-09-30/", StringComparison.Ordinal));
        Assert.Contains(objects.Keys, k => k.StartsWith("gold/interactions/date=2010-12-01/", StringComparison.Ordinal));

        // Bread Basket, 30 Oct 2016: gold units per product equal the till lines of that day.
        var day = await ParquetRecords.ReadAsync<DailySalesRow>(new MemoryStream(objects["gold/daily_sales/date=2016-10-30/part-0.parquet"]));
        var coffee = day.Single(r => r.StoreId == "EDI-01" && r.ProductId == "COFFEE");
        var expected = BronzeFixture.BreadBasket().SelectMany(f => f.Rows).Count(e => e.ProductId == "Coffee" && e.OccurredAt.Date == new DateTime(2016, 10, 30));
        Assert.Equal(expected, coffee.Units);
        Assert.Equal("pos", coffee.Source);

        // The bakery upload: one row per article and day, units = revenue / price.
        var bakery = await ParquetRecords.ReadAsync<DailySalesRow>(new MemoryStream(objects["gold/daily_sales/date=2022-07-14/part-0.parquet"]));
        Assert.Contains(bakery, r => r.StoreId == "FR-BAKERY" && r.ProductId == "12-MACARON" && r.Units == 0 && r.Source == "upload");

        var quality = System.Text.Json.JsonSerializer.Deserialize<QualityReport>(objects[PipelinePaths.QualityReport(report.Summary.Run.RunId)], QualityJson.Options);
        Assert.NotNull(quality);
        Assert.False(quality.HasCritical);
        Assert.Contains(quality.Checks, c => c.Dataset == "gold/daily_sales" && c.Check == "reconciliation" && c.Severity == QualityReport.Ok);
        Assert.Contains(quality.Checks, c => c.Dataset == "gold/interactions" && c.Check == "coverage");
        Assert.Contains("# Data quality", System.Text.Encoding.UTF8.GetString(objects[PipelinePaths.QualitySummary(report.Summary.Run.RunId)]), StringComparison.Ordinal);
        Assert.True(report.Stages.Single(s => s.Stage == "silver" && s.Partition == "events").Rows > 20_000);
    }

    [Fact]
    public async Task Backfill_AfterIncremental_GoldIsByteIdenticalAndRerunChangesNothing()
    {
        var lake = await RealBronzeAsync(breadDays: 40);
        var tables = new MemoryTableStore();
        Assert.True((await Runner(lake, tables).RunAsync(RunIds.Create(Night))).Succeeded);
        var incremental = Gold(lake);

        var from = new DateOnly(2010, 1, 1);
        var to = new DateOnly(2023, 1, 1);
        Assert.True((await Runner(lake, tables).RunAsync(RunIds.Create(Night.AddHours(8), RunMode.Backfill, from, to))).Succeeded);
        var backfill = Gold(lake);
        Assert.True((await Runner(lake, tables).RunAsync(RunIds.Create(Night.AddHours(9), RunMode.Backfill, from, to))).Succeeded);

        Assert.Equal(incremental.Keys.Order(StringComparer.Ordinal), backfill.Keys.Order(StringComparer.Ordinal));
        Assert.All(incremental, kv => Assert.Equal(kv.Value, backfill[kv.Key]));
        Assert.All(Gold(lake), kv => Assert.Equal(kv.Value, backfill[kv.Key]));
    }

    [Fact]
    public async Task Incremental_LateDuplicateAndUnreadableFiles_LateRowLandsInItsDayDuplicateDroppedBadFileQuarantined()
    {
        var lake = new MemoryObjectStore();
        var tables = new MemoryTableStore();
        var d1 = new DateTimeOffset(2026, 11, 19, 9, 0, 0, TimeSpan.Zero);
        await BronzeFixture.WriteAsync(lake, LakePaths.BronzeEvents(new DateOnly(2026, 11, 19), "0", 0, 1),
        [
            BronzeFixture.Event("s1", "pos_sale", d1, 0, store: "EDI-01", product: "BREAD", qty: 2, price: 1.5m),
            BronzeFixture.Event("s2", "pos_sale", d1.AddHours(1), 1, store: "EDI-01", product: "COFFEE", qty: 1, price: 2m),
        ]);
        Assert.True((await Runner(lake, tables).RunAsync(RunIds.Create(Night.AddDays(-1)))).Succeeded);

        // Next night: a late sale of the 19th, a resent copy of s1, and a file that is not Parquet.
        await BronzeFixture.WriteAsync(lake, LakePaths.BronzeEvents(new DateOnly(2026, 11, 20), "0", 2, 4),
        [
            BronzeFixture.Event("s3", "pos_sale", d1.AddHours(5), 2, store: "EDI-01", product: "BREAD", qty: 3, price: 1.5m, enqueued: d1.AddDays(1)),
            BronzeFixture.Event("s1", "pos_sale", d1, 3, store: "EDI-01", product: "BREAD", qty: 2, price: 1.5m, enqueued: d1.AddDays(1)),
            BronzeFixture.Event("s4", "pos_sale", d1.AddDays(1), 4, store: "EDI-01", product: "COFFEE", qty: 1, price: 2m),
        ]);
        await lake.PutAsync(LakePaths.BronzeEvents(new DateOnly(2026, 11, 20), "0", 5, 9), new MemoryStream("not parquet at all"u8.ToArray()));

        var report = await Runner(lake, tables).RunAsync(RunIds.Create(Night));

        Assert.True(report.Succeeded, report.Summary.Error);
        Assert.Contains(report.Stages.Single(s => s.Stage == "silver" && s.Partition == "events").Warnings, w => w.Contains("unreadable", StringComparison.Ordinal));
        Assert.Contains(lake.Snapshot().Keys, k => k.StartsWith("quarantine/events/_unreadable/", StringComparison.Ordinal) && k.EndsWith(".reason.json", StringComparison.Ordinal));
        var objects = lake.Snapshot();
        var day19 = await ParquetRecords.ReadAsync<DailySalesRow>(new MemoryStream(objects["gold/daily_sales/date=2026-11-19/part-0.parquet"]));
        Assert.Equal(5, day19.Single(r => r.ProductId == "BREAD").Units);
        var day20 = await ParquetRecords.ReadAsync<DailySalesRow>(new MemoryStream(objects["gold/daily_sales/date=2026-11-20/part-0.parquet"]));
        Assert.Equal(("zero-fill", 0.0), (day20.Single(r => r.ProductId == "BREAD").Source, day20.Single(r => r.ProductId == "BREAD").Units));
        var silver19 = await ParquetRecords.ReadAsync<SilverEvent>(new MemoryStream(objects[LakeIo.Silver("pos_sales", new DateOnly(2026, 11, 19))]));
        Assert.Equal(new[] { "s1", "s2", "s3" }, silver19.Select(e => e.EventId));
        var quality = System.Text.Json.JsonSerializer.Deserialize<QualityReport>(objects[PipelinePaths.QualityReport(report.Summary.Run.RunId)], QualityJson.Options)!;
        Assert.Contains(quality.Checks, c => c.Check == "schema" && c.Severity == QualityReport.Warning);
        Assert.Contains(quality.Checks, c => c.Dataset == "silver/pos_sales" && c.Check == "duplicates" && c.Value > 0.3);
    }

    [Fact]
    public async Task QualityGate_CriticalDuplicateRate_HaltsRunAndWritesAlert()
    {
        var lake = new MemoryObjectStore();
        var at = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 10).Select(i => BronzeFixture.Event("same", "view", at.AddMinutes(i), i, user: "u1", item: "i1")).ToList();
        await BronzeFixture.WriteAsync(lake, LakePaths.BronzeEvents(new DateOnly(2026, 11, 20), "0", 0, 9), rows);

        var report = await Runner(lake, new MemoryTableStore()).RunAsync(RunIds.Create(Night));

        Assert.Equal(RunStatus.Failed, report.Summary.Status);
        Assert.Equal("quality-gate", report.Summary.FailedStage);
        Assert.Contains("silver/events duplicates", report.Summary.Error ?? string.Empty, StringComparison.Ordinal);
        Assert.True(lake.Snapshot().ContainsKey(PipelinePaths.Alert(report.Summary.Run.RunId)));
    }
}
