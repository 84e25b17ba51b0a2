using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Ingestion.Billing;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Tests.Support;
using Obrador.Lake.Serving;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Billing;

public sealed partial class BillingExportIngestorTests
{
    private static readonly string EaActual = Path.Combine(RepoPaths.SharedData, "finops-toolkit", "cost-exports", "EA_ActualCost_Small.csv");
    private static readonly string EaAmortized = Path.Combine(RepoPaths.SharedData, "finops-toolkit", "cost-exports", "EA_AmortizedCost_Small.csv");
    private static readonly string Focus = Path.Combine(RepoPaths.SharedData, "focus-sample", "focus_sample.csv");

    private sealed record Rig(BillingExportIngestor Ingestor, InMemoryObjectStore Store, InMemoryTableStore Tables, BronzeWriter Writer)
    {
        public Task PutAsync(string name, byte[] bytes) => Store.PutAsync("billing-exports/" + name, new MemoryStream(bytes));
    }

    private static Rig Create(IRecordFileFormat? format = null, BillingExportOptions? options = null)
    {
        var store = new InMemoryObjectStore();
        var tables = new InMemoryTableStore();
        var writer = new BronzeWriter(store, format ?? ParquetRecordFormat.Instance);
        var ingestor = new BillingExportIngestor(writer, tables, options ?? new BillingExportOptions(), new FixedTime(SampleEvents.Now), NullLogger<BillingExportIngestor>.Instance);
        return new Rig(ingestor, store, tables, writer);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(bytes);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task IngestAsync_EaActualCost_ReconcilesToTheCentAndKeepsEveryColumn()
    {
        var rig = Create();
        await rig.PutAsync("ea/EA_ActualCost_Small.csv", await File.ReadAllBytesAsync(EaActual));

        var result = await rig.Ingestor.IngestAsync("ea/EA_ActualCost_Small.csv");

        Assert.Equal(BillingIngestStatus.Ingested, result.Status);
        var file = Assert.Single(result.Files);
        Assert.Equal((BillingFormats.Ea, 11, 11), (file.Format, file.Rows, file.BronzeRows));
        Assert.Equal(8.5450077867419368m, file.FileCost);
        Assert.Equal(file.FileCost, file.BronzeCost);
        Assert.Equal("20230901-20230930", result.Period);
        var rows = await rig.Writer.ReadAsync<BronzeBillingRow>(file.BronzePath!);
        Assert.All(rows, r => Assert.Equal(55, JsonDocument.Parse(r.Columns).RootElement.EnumerateObject().Count()));
        var storage = rows.Single(r => r.RowNumber == 2);
        Assert.Equal("databricks-rg-PeskyData-s6taefbli5c5e", storage.ResourceGroup);
        Assert.Equal("prod", JsonDocument.Parse(storage.Tags).RootElement.GetProperty("env").GetString());
        Assert.Equal(new DateOnly(2023, 9, 4), storage.Date);
        Assert.Equal("Storage", storage.Service);
        Assert.Equal("actual", storage.CostType);
    }

    [Fact]
    public async Task IngestAsync_EaAmortizedGzip_SameTotalsAsPlainFile()
    {
        var rig = Create();
        var bytes = await File.ReadAllBytesAsync(EaAmortized);
        await rig.PutAsync("plain/EA_AmortizedCost_Small.csv", bytes);
        await rig.PutAsync("gz/EA_AmortizedCost_Small.csv.gz", Gzip(bytes));

        var plain = await rig.Ingestor.IngestAsync("plain/EA_AmortizedCost_Small.csv");
        var gz = await rig.Ingestor.IngestAsync("gz/EA_AmortizedCost_Small.csv.gz");

        Assert.Equal(BillingIngestStatus.Ingested, gz.Status);
        Assert.Equal(28, gz.Files[0].Rows);
        Assert.Equal(16.29693213663664462748541900m, plain.Files[0].FileCost);
        Assert.Equal(plain.Files[0].FileCost, gz.Files[0].BronzeCost);
        Assert.Equal("amortized", (await rig.Writer.ReadAsync<BronzeBillingRow>(gz.Files[0].BronzePath!))[0].CostType);
    }

    [Fact]
    public async Task IngestAsync_FocusSample_ReconcilesBilledAndEffectiveCost()
    {
        var rig = Create();
        await rig.PutAsync("focus/focus_sample.csv", await File.ReadAllBytesAsync(Focus));

        var result = await rig.Ingestor.IngestAsync("focus/focus_sample.csv");

        var file = Assert.Single(result.Files);
        Assert.Equal((BillingFormats.Focus, 1000, true), (file.Format, file.Rows, file.Reconciled));
        Assert.Equal(20.52022672899m, file.BronzeCost);
        Assert.Equal(14.97651418586m, file.BronzeEffectiveCost);
        var rows = await rig.Writer.ReadAsync<BronzeBillingRow>(file.BronzePath!);
        var providers = rows.Select(r => JsonDocument.Parse(r.Columns).RootElement.GetProperty("ProviderName").GetString()).Distinct().ToList();
        Assert.Contains("AWS", providers);
        Assert.Contains("Microsoft", providers);
        Assert.Contains(rows, r => r.Tags.Contains("business_unit", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.NotNull(r.Date));
    }

    [Fact]
    public async Task IngestAsync_McaCamelCaseHeaders_DetectedAsMca()
    {
        var rig = Create();
        await rig.PutAsync("mca/20240901-20240930/mca.csv", await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "tests", "Obrador.Ingestion.Tests", "data", "billing", "mca-actual-synthetic.csv")));

        var result = await rig.Ingestor.IngestAsync("mca/20240901-20240930/mca.csv");

        Assert.Equal((BillingFormats.Mca, 2.5248m), (result.Files[0].Format, result.Files[0].BronzeCost));
        Assert.Equal("20240901-20240930", result.Period);
        var rows = await rig.Writer.ReadAsync<BronzeBillingRow>(result.Files[0].BronzePath!);
        Assert.Equal("rg-obrador", rows[0].ResourceGroup);
    }

    [Fact]
    public async Task IngestAsync_SameNameAndETag_IsSkipped_NewETagReplaces()
    {
        var rig = Create();
        var bytes = await File.ReadAllBytesAsync(EaActual);
        await rig.PutAsync("ea/x.csv", bytes);
        var first = await rig.Ingestor.IngestAsync("ea/x.csv");
        var again = await rig.Ingestor.IngestAsync("ea/x.csv");
        await rig.PutAsync("ea/x.csv", bytes);
        var rewritten = await rig.Ingestor.IngestAsync("ea/x.csv");

        Assert.Equal(BillingIngestStatus.AlreadyIngested, again.Status);
        Assert.Equal(BillingIngestStatus.Ingested, rewritten.Status);
        Assert.Equal([first.Files[0].BronzePath!], rewritten.Replaced);
        Assert.Equal(rewritten.Files[0].BronzePath, Assert.Single(rig.Store.Paths, p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task IngestAsync_ReExportOfSameScopeAndPeriod_ReplacesEarlierRun()
    {
        var rig = Create();
        var bytes = await File.ReadAllBytesAsync(EaActual);
        await rig.PutAsync("exports/daily/20230901-20230930/daily_aaaa.csv", bytes);
        var first = await rig.Ingestor.IngestAsync("exports/daily/20230901-20230930/daily_aaaa.csv");
        await rig.PutAsync("exports/daily/20230901-20230930/daily_bbbb.csv", bytes);
        var second = await rig.Ingestor.IngestAsync("exports/daily/20230901-20230930/daily_bbbb.csv");

        Assert.Equal([first.Files[0].BronzePath!], second.Replaced);
        var remaining = rig.Store.Paths.Where(p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal)).ToList();
        Assert.Equal([second.Files[0].BronzePath!], remaining);
    }

    private static async Task<(Rig Rig, string Manifest)> PartitionedAsync(long? secondRows = null, BillingExportOptions? options = null, Rig? into = null, string run = "run-01")
    {
        var rig = into ?? Create(options: options);
        var lines = (await File.ReadAllLinesAsync(Focus)).ToList();
        var header = lines[0];
        var dir = "focus/obrador-focus/20240901-20240930/" + run;
        await rig.PutAsync(dir + "/part_0_0001.csv", Encoding.UTF8.GetBytes(string.Join("\n", [header, .. lines.Skip(1).Take(600)])));
        await rig.PutAsync(dir + "/part_1_0001.csv.gz", Gzip(Encoding.UTF8.GetBytes(string.Join("\n", [header, .. lines.Skip(601)]))));
        var manifest = $$"""
        {
          "manifestVersion": "2024-04-01", "byteCount": 755423, "blobCount": 2, "dataRowCount": 1000,
          "exportConfig": { "exportName": "obrador-focus", "resourceId": "/subscriptions/1111/providers/Microsoft.CostManagement/exports/obrador-focus", "dataVersion": "1.0", "apiVersion": "2023-07-01-preview", "type": "FocusCost", "timeFrame": "MonthToDate", "granularity": "Daily" },
          "deliveryConfig": { "partitionData": true, "dataOverwriteBehavior": "OverwritePreviousReport", "fileFormat": "Csv", "compressionMode": "gzip", "rootFolderPath": "focus" },
          "runInfo": { "executionType": "Scheduled", "submittedTime": "2024-10-01T05:00:00Z", "runId": "{{run}}", "startDate": "2024-09-01T00:00:00", "endDate": "2024-09-30T00:00:00" },
          "blobs": [
            { "blobName": "{{dir}}/part_0_0001.csv", "byteCount": 1, "dataRowCount": 600 },
            { "blobName": "{{dir}}/part_1_0001.csv.gz", "byteCount": 1, "dataRowCount": {{secondRows ?? 400}} }
          ]
        }
        """;
        await rig.PutAsync(dir + "/manifest.json", Encoding.UTF8.GetBytes(manifest));
        return (rig, dir + "/manifest.json");
    }

    [Fact]
    public async Task IngestAsync_PartitionedExport_PartsDeferredManifestIngestsAll()
    {
        var (rig, manifest) = await PartitionedAsync();

        var part = await rig.Ingestor.IngestAsync(manifest.Replace("manifest.json", "part_0_0001.csv", StringComparison.Ordinal));
        var run = await rig.Ingestor.IngestAsync(manifest);

        Assert.Equal(BillingIngestStatus.Deferred, part.Status);
        Assert.Equal(BillingIngestStatus.Ingested, run.Status);
        Assert.Equal([600, 400], run.Files.Select(f => f.BronzeRows));
        Assert.Equal(20.52022672899m, run.Files.Sum(f => f.BronzeCost));
        Assert.Equal("20240901-20240930", run.Period);
        Assert.Equal("run-01", run.RunId);
    }

    [Fact]
    public async Task IngestAsync_ManifestRowCountMismatch_QuarantinesWholeRunAndAlerts()
    {
        var (rig, manifest) = await PartitionedAsync(secondRows: 401);

        var run = await rig.Ingestor.IngestAsync(manifest);

        Assert.Equal(BillingIngestStatus.Quarantined, run.Status);
        var bad = run.Files[1];
        Assert.Contains("manifest=401", bad.Reason, StringComparison.Ordinal);
        Assert.Null(bad.BronzePath);
        Assert.Equal(401, (await rig.Writer.ReadAsync<QuarantineRecord>(bad.QuarantinePath!)).Count);

        // Part 0 reconciled on its own but leaves bronze with its run: header + 600 lines quarantined.
        var good = run.Files[0];
        Assert.StartsWith("billing.run_failed: run run-01", good.Reason, StringComparison.Ordinal);
        Assert.Equal(601, (await rig.Writer.ReadAsync<QuarantineRecord>(good.QuarantinePath!)).Count);
        Assert.DoesNotContain(rig.Store.Paths, p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal));
        Assert.Null(await rig.Writer.GetTextAsync(LakePaths.BillingRun(run.Scope, run.Period)));
        var alerts = rig.Tables.All(ServingTables.Audit);
        Assert.Equal(["billing-exports/" + manifest, bad.File], alerts.Select(a => a.GetString("File")).Order(StringComparer.Ordinal));
        Assert.All(alerts, a => Assert.Equal("alert", a.GetString("Kind")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IngestAsync_LossyStorage_ReconciliationFailsAndQuarantines(bool dropRow)
    {
        var rig = Create(new LossyFormat(dropRow));
        await rig.PutAsync("ea/a.csv", await File.ReadAllBytesAsync(EaAmortized));

        var result = await rig.Ingestor.IngestAsync("ea/a.csv");

        Assert.Equal(BillingIngestStatus.Quarantined, result.Status);
        Assert.StartsWith("billing.reconciliation:", result.Files[0].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Store.Paths, p => p.StartsWith("bronze/billing/scope=", StringComparison.Ordinal));
        Assert.Single(rig.Tables.All(ServingTables.Audit));
    }

    [Fact]
    public async Task IngestAsync_NonNumericCost_QuarantinedNamingRowAndColumn()
    {
        var rig = Create();
        var text = await File.ReadAllTextAsync(EaActual);
        var lines = text.Split('\n');
        lines[3] = lines[3].Replace(",0.000011139,", ",abc,", StringComparison.Ordinal);
        await rig.PutAsync("ea/bad.csv", Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        var result = await rig.Ingestor.IngestAsync("ea/bad.csv");

        Assert.Equal(BillingIngestStatus.Quarantined, result.Status);
        Assert.Contains("row 3, column Cost", result.Files[0].Reason, StringComparison.Ordinal);
        var quarantined = await rig.Writer.ReadAsync<QuarantineRecord>(result.Files[0].QuarantinePath!);
        Assert.Equal(12, quarantined.Count);
        Assert.Contains("this row", quarantined.Single(q => q.Index == 3).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_GzipBomb_RefusedAndQuarantined()
    {
        var rig = Create(options: new BillingExportOptions { MaxFileBytes = 1 << 20 });
        await rig.PutAsync("bomb/x.csv.gz", Gzip(new byte[16 << 20]));

        var result = await rig.Ingestor.IngestAsync("bomb/x.csv.gz");

        Assert.Equal(BillingIngestStatus.Quarantined, result.Status);
        Assert.StartsWith("billing.too_large", result.Files[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_SemicolonSeparated_Parsed()
    {
        var rig = Create();
        var csv = "BilledCost;EffectiveCost;ChargePeriodStart;ResourceId;Tags\n1.5;1.25;2024-09-01 00:00:00;/subscriptions/s/resourceGroups/rg1/x;\n2.25;2;2024-09-02 00:00:00;x;NULL\n";
        await rig.PutAsync("semi/f.csv", Encoding.UTF8.GetBytes(csv));

        var result = await rig.Ingestor.IngestAsync("semi/f.csv");

        Assert.Equal((3.75m, 3.25m), (result.Files[0].BronzeCost, result.Files[0].BronzeEffectiveCost));
        var rows = await rig.Writer.ReadAsync<BronzeBillingRow>(result.Files[0].BronzePath!);
        Assert.Equal("rg1", rows[0].ResourceGroup);
        Assert.Equal("{}", rows[1].Tags);
    }

    [Fact]
    public async Task IngestAsync_MissingBlob_Throws()
    {
        var rig = Create();
        var e = await Assert.ThrowsAsync<IngestionException>(() => rig.Ingestor.IngestAsync("none.csv"));
        Assert.Equal("billing.not_found", e.Code);
    }
}
