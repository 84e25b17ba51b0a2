using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Ingestion.Billing;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Tests.Support;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Billing;

/// <summary>File-level failures: each is quarantined with its reason, alerted and recorded in the ledger, never thrown or dropped.</summary>
public sealed partial class BillingExportIngestorTests
{
    [Theory]
    [InlineData("{not json", "is not JSON")]
    [InlineData("{\"exportConfig\":{}}", "no blobs array")]
    [InlineData("{\"blobs\":[{\"blobName\":\"y/a.csv\",\"dataRowCount\":1.5}]}", "dataRowCount of y/a.csv is not a whole number")]
    [InlineData("{\"blobs\":[{\"blobName\":\"y/a.csv\",\"dataRowCount\":-1}]}", "dataRowCount of y/a.csv is not a whole number")]
    [InlineData("{\"blobs\":[{\"blobName\":\"y/a.csv\",\"dataRowCount\":\"12\"}]}", "dataRowCount of y/a.csv is not a whole number")]
    public async Task IngestAsync_UnreadableManifest_QuarantinedAlertedAndLedgered(string json, string why)
    {
        var rig = Create();
        const string name = "y/20240101-20240131/run/manifest.json";
        await rig.PutAsync(name, Encoding.UTF8.GetBytes(json));

        var result = await rig.Ingestor.IngestAsync(name);
        var again = await rig.Ingestor.IngestAsync(name);

        Assert.Equal(BillingIngestStatus.Quarantined, result.Status);
        var file = Assert.Single(result.Files);
        Assert.StartsWith("billing.bad_manifest:", file.Reason, StringComparison.Ordinal);
        Assert.Contains(why, file.Reason, StringComparison.Ordinal);
        var quarantined = Assert.Single(await rig.Writer.ReadAsync<QuarantineRecord>(file.QuarantinePath!));
        Assert.Equal((json, "billing-exports/" + name), (quarantined.Raw, quarantined.Location));
        var alert = Assert.Single(rig.Tables.All(ServingTables.Audit));
        Assert.Equal(("alert", "billing.reconciliation", "billing-exports/" + name), (alert.GetString("Kind"), alert.GetString("Category"), alert.GetString("File")));
        Assert.Equal(BillingIngestStatus.AlreadyIngested, again.Status);
        Assert.DoesNotContain(rig.Store.Paths, p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestAsync_OversizedSingleFile_QuarantinedAlertedAndLedgered()
    {
        var rig = Create(options: new BillingExportOptions { MaxFileBytes = 4096 });
        await rig.PutAsync("big/EA_ActualCost_Small.csv", await File.ReadAllBytesAsync(EaActual));

        var result = await rig.Ingestor.IngestAsync("big/EA_ActualCost_Small.csv");
        var again = await rig.Ingestor.IngestAsync("big/EA_ActualCost_Small.csv");

        Assert.Equal(BillingIngestStatus.Quarantined, result.Status);
        var file = Assert.Single(result.Files);
        Assert.StartsWith("billing.too_large:", file.Reason, StringComparison.Ordinal);
        Assert.Equal("billing-exports/big/EA_ActualCost_Small.csv", Assert.Single(await rig.Writer.ReadAsync<QuarantineRecord>(file.QuarantinePath!)).Location);
        Assert.Single(rig.Tables.All(ServingTables.Audit));
        Assert.Equal(BillingIngestStatus.AlreadyIngested, again.Status);
    }

    [Fact]
    public async Task IngestAsync_OversizedPart_QuarantinedNotThrown()
    {
        // Part 0 is ~450 KB as stored (refused before reading); part 1 is gzip, small stored but larger once inflated.
        var (rig, manifest) = await PartitionedAsync(options: new BillingExportOptions { MaxFileBytes = 100_000 });

        var run = await rig.Ingestor.IngestAsync(manifest);

        Assert.Equal(BillingIngestStatus.Quarantined, run.Status);
        Assert.All(run.Files, f => Assert.StartsWith("billing.too_large:", f.Reason, StringComparison.Ordinal));
        Assert.Equal(2, rig.Tables.All(ServingTables.Audit).Count);
        Assert.Equal(BillingIngestStatus.AlreadyIngested, (await rig.Ingestor.IngestAsync(manifest)).Status);
    }

    [Fact]
    public async Task IngestAsync_QuarantinedReExport_KeepsEarlierRun()
    {
        var rig = Create();
        var csv = await File.ReadAllBytesAsync(EaActual);
        await rig.PutAsync("ea/20230901-20230930/run1.csv", csv);
        var first = await rig.Ingestor.IngestAsync("ea/20230901-20230930/run1.csv");
        var lines = Encoding.UTF8.GetString(csv).Split('\n');
        lines[3] = lines[3].Replace(",0.000011139,", ",abc,", StringComparison.Ordinal);
        await rig.PutAsync("ea/20230901-20230930/run2.csv", Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        var second = await rig.Ingestor.IngestAsync("ea/20230901-20230930/run2.csv");

        Assert.Equal((BillingIngestStatus.Quarantined, first.Scope, first.Period), (second.Status, second.Scope, second.Period));
        Assert.Empty(second.Replaced);
        Assert.Equal(first.RunId, second.KeptRunId);
        var kept = await rig.Writer.ReadAsync<BronzeBillingRow>(first.Files[0].BronzePath!);
        Assert.Equal((11, 8.5450077867419368m), (kept.Count, kept.Sum(r => r.Cost)));
        var runAlert = Assert.Single(rig.Tables.All(ServingTables.Audit), a => a.GetString("File") == second.Blob && a.GetString("Message")!.StartsWith("billing.run_failed", StringComparison.Ordinal));
        Assert.Contains($"earlier run {first.RunId} kept", runAlert.GetString("Message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_ManifestRunWithFailedPart_KeepsEarlierRunUntilAGoodReExport()
    {
        var (rig, good) = await PartitionedAsync();
        var first = await rig.Ingestor.IngestAsync(good);
        var (_, bad) = await PartitionedAsync(secondRows: 401, into: rig, run: "run-02");
        var (_, again) = await PartitionedAsync(into: rig, run: "run-03");

        var failed = await rig.Ingestor.IngestAsync(bad);
        var afterFailure = rig.Store.Paths.Where(p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var replacing = await rig.Ingestor.IngestAsync(again);

        Assert.Equal(BillingIngestStatus.Quarantined, failed.Status);
        Assert.Equal("run-01", failed.KeptRunId);
        Assert.All(failed.Files, f => Assert.Null(f.BronzePath));
        Assert.Equal(first.Files.Select(f => f.BronzePath!).Order(StringComparer.Ordinal), afterFailure);
        Assert.Equal(BillingIngestStatus.Ingested, replacing.Status);
        Assert.Equal(first.Files.Select(f => f.BronzePath!).Order(StringComparer.Ordinal), replacing.Replaced.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task IngestAsync_BlobRewrittenInPlaceFailingReconciliation_KeepsEarlierFileUntilAGoodVersion()
    {
        var lossy = new LossyFormat(dropRow: true) { Enabled = false };
        var rig = Create(lossy);
        const string name = "ea/20230901-20230930/daily.csv";
        var bytes = await File.ReadAllBytesAsync(EaActual);
        await rig.PutAsync(name, bytes);
        var first = await rig.Ingestor.IngestAsync(name);

        // The same blob name with a new ETag, whose bronze file does not read back as written.
        lossy.Enabled = true;
        await rig.PutAsync(name, bytes);
        var failed = await rig.Ingestor.IngestAsync(name);
        var afterFailure = rig.Store.Paths.Where(p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal)).ToList();
        var kept = await rig.Writer.ReadAsync<BronzeBillingRow>(first.Files[0].BronzePath!);

        lossy.Enabled = false;
        await rig.PutAsync(name, bytes);
        var good = await rig.Ingestor.IngestAsync(name);

        Assert.Equal((BillingIngestStatus.Quarantined, first.RunId), (failed.Status, failed.KeptRunId));
        Assert.StartsWith("billing.reconciliation:", failed.Files[0].Reason, StringComparison.Ordinal);
        Assert.Equal([first.Files[0].BronzePath!], afterFailure);
        Assert.Equal((11, 8.5450077867419368m), (kept.Count, kept.Sum(r => r.Cost)));
        Assert.Equal(BillingIngestStatus.Ingested, good.Status);
        Assert.Equal([first.Files[0].BronzePath!], good.Replaced);
        Assert.Equal([good.Files[0].BronzePath!], rig.Store.Paths.Where(p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task IngestAsync_SameRunWithPartsRewritten_ReplacesEachPartsEarlierVersion()
    {
        var (rig, manifest) = await PartitionedAsync();
        var first = await rig.Ingestor.IngestAsync(manifest);
        await PartitionedAsync(into: rig);

        var again = await rig.Ingestor.IngestAsync(manifest);

        Assert.Equal((BillingIngestStatus.Ingested, first.RunId), (again.Status, again.RunId));
        Assert.Equal(first.Files.Select(f => f.BronzePath!).Order(StringComparer.Ordinal), again.Replaced.Order(StringComparer.Ordinal));
        var stored = rig.Store.Paths.Where(p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal)).ToList();
        Assert.Equal(again.Files.Select(f => f.BronzePath!).Order(StringComparer.Ordinal), stored);
        var cost = 0m;
        foreach (var path in stored)
        {
            cost += (await rig.Writer.ReadAsync<BronzeBillingRow>(path)).Sum(r => r.Cost);
        }

        Assert.Equal(20.52022672899m, cost);
    }

    [Fact]
    public async Task IngestAsync_RunThatFailedBeforeItsRecord_ItsFileIsRemovedByTheNextRunOfTheSameBlob()
    {
        var store = new InMemoryObjectStore();
        var failing = new FailingObjectStore(store, "bronze/billing/_runs/") { Failures = 1 };
        var ingestor = new BillingExportIngestor(new BronzeWriter(failing, ParquetRecordFormat.Instance), new InMemoryTableStore(), new BillingExportOptions { OrphanAge = TimeSpan.FromDays(365 * 100) }, new FixedTime(SampleEvents.Now), NullLogger<BillingExportIngestor>.Instance);
        const string name = "exp/20230901-20230930/EA_ActualCost_Small.csv";
        var csv = await File.ReadAllBytesAsync(EaActual);
        await store.PutAsync("billing-exports/" + name, new MemoryStream(csv));
        await Assert.ThrowsAsync<StorageException>(() => ingestor.IngestAsync(name));
        var orphan = Assert.Single(store.Paths, p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal));

        // The export is rewritten in place before the host retries: a new version, so a new file and run.
        await store.PutAsync("billing-exports/" + name, new MemoryStream(csv));
        var retried = await ingestor.IngestAsync(name);

        Assert.Equal(BillingIngestStatus.Ingested, retried.Status);
        Assert.Equal([orphan], retried.Replaced);
        Assert.Equal([retried.Files[0].BronzePath!], store.Paths.Where(p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(365 * 100, false)]
    public async Task IngestAsync_UnnamedFileOfAnotherBlob_IsRemovedOnlyOnceOlderThanOrphanAge(int orphanAgeDays, bool removed)
    {
        // The in-memory store dates every object 1970-01-01: older than 1 day before the clock, younger than 100 years.
        var store = new InMemoryObjectStore();
        var failing = new FailingObjectStore(store, "bronze/billing/_runs/") { Failures = 1 };
        var ingestor = new BillingExportIngestor(new BronzeWriter(failing, ParquetRecordFormat.Instance), new InMemoryTableStore(), new BillingExportOptions { OrphanAge = TimeSpan.FromDays(orphanAgeDays) }, new FixedTime(SampleEvents.Now), NullLogger<BillingExportIngestor>.Instance);
        var csv = await File.ReadAllBytesAsync(EaActual);
        await store.PutAsync("billing-exports/ea/20230901-20230930/run1.csv", new MemoryStream(csv));
        await store.PutAsync("billing-exports/ea/20230901-20230930/run2.csv", new MemoryStream(csv));
        await Assert.ThrowsAsync<StorageException>(() => ingestor.IngestAsync("ea/20230901-20230930/run1.csv"));
        var orphan = Assert.Single(store.Paths, p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal));

        var second = await ingestor.IngestAsync("ea/20230901-20230930/run2.csv");

        Assert.Equal(BillingIngestStatus.Ingested, second.Status);
        Assert.Equal(removed, second.Replaced.Contains(orphan));
        Assert.Equal(removed, !store.Paths.Contains(orphan));
    }
}
