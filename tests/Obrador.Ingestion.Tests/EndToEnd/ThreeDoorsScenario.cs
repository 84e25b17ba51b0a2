using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Ingestion.Billing;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Tests.Support;
using Obrador.Ingestion.Uploads;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.EndToEnd;

/// <summary>The three doors, end to end, on a real storage backend (embedded or Azurite) with the real data files.</summary>
internal static class ThreeDoorsScenario
{
    public static async Task RunAsync(StorageBackend backend)
    {
        var time = new FixedTime(SampleEvents.Now);
        await backend.Tables.CreateTableIfNotExistsAsync(ServingTables.Counters);
        await backend.Tables.CreateTableIfNotExistsAsync(ServingTables.Audit);
        var writer = new BronzeWriter(backend.Objects, ParquetRecordFormat.Instance);

        // Events: the captured Event Hub invocation.
        var events = new EventIngestor(writer, new EventParser(new EventValidationOptions(), time), new StreamingCounters(backend.Tables, time), time, NullLogger<EventIngestor>.Instance);
        var invocation = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "tests", "Obrador.Ingestion.Tests", "data", "eventhub", "invocation-objects.json"));
        var result = await events.IngestAsync(EventBatchReader.ReadEventHubInvocation(invocation, "events", time.GetUtcNow()));
        Assert.Equal((2, 1), (result.Accepted, result.Rejected));
        Assert.Equal(2, (await writer.ReadAsync<BronzeEvent>(result.BronzePath!)).Count);
        Assert.Single(await writer.ReadAsync<QuarantineRecord>(result.QuarantinePath!));
        Assert.Equal(1, (await new CounterFolder(backend.Tables, time).FoldAsync()).DeltaRows);
        var inventory = await CounterRows.GetAsync(backend.Tables, "inventory|s12", "baguette");
        Assert.Equal(-3.0, inventory!.GetDouble("OnHand"));

        // Events over HTTP: an array with a malformed element in the middle, then the same body resent the next day.
        var body = Encoding.UTF8.GetBytes("[" + SampleEvents.Valid(new Random(1), 1) + ",{\"event_id\":\"x\",}," + SampleEvents.Valid(new Random(2), 2) + "]");
        var paths = new List<string?>();
        foreach (var day in new[] { time, new FixedTime(SampleEvents.Now.AddDays(1)) })
        {
            var collector = new EventIngestor(writer, new EventParser(new EventValidationOptions(), day), null, day, NullLogger<EventIngestor>.Instance);
            var posted = await collector.IngestAsync(new EventBatch("http-" + LakePaths.Key(body), EventBatchReader.SplitHttpBody(body, day.GetUtcNow()), false));
            Assert.Equal((2, 1, 1), (posted.Accepted, posted.Rejected, posted.Rejections.Single().Index));
            paths.Add(posted.BronzePath);
        }

        Assert.Single(paths.Distinct());
        Assert.Contains("/date=2026-11-21/", paths[0], StringComparison.Ordinal);

        // Billing: the real EA amortized export, gzip, then the same period re-exported.
        var billing = new BillingExportIngestor(writer, backend.Tables, new BillingExportOptions(), time, NullLogger<BillingExportIngestor>.Instance);
        var csv = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.SharedData, "finops-toolkit", "cost-exports", "EA_AmortizedCost_Small.csv"));
        await backend.Objects.PutAsync("billing-exports/ea/amortized/20230901-20230930/run1.csv", new MemoryStream(csv));
        var first = await billing.IngestAsync("ea/amortized/20230901-20230930/run1.csv");
        Assert.Equal(BillingIngestStatus.Ingested, first.Status);
        Assert.Equal(16.29693213663664462748541900m, first.Files[0].BronzeCost);
        await backend.Objects.PutAsync("billing-exports/ea/amortized/20230901-20230930/run2.csv", new MemoryStream(csv));
        var second = await billing.IngestAsync("ea/amortized/20230901-20230930/run2.csv");
        Assert.Equal([first.Files[0].BronzePath!], second.Replaced);
        Assert.Null(await backend.Objects.GetInfoAsync(first.Files[0].BronzePath!));

        // Uploads: a Spanish CSV, then a soft delete.
        var uploads = new UploadProcessor(writer, backend.Tables, new UploadOptions(), time, () => new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), NullLogger<UploadProcessor>.Instance);
        var upload = await uploads.ProcessAsync(new UploadRequest("ventas.csv", Encoding.UTF8.GetBytes("fecha;tienda;producto;cantidad\n01/09/2026;t1;pan;10\n02/09/2026;t1;pan;12,5\n"), "analyst"));
        Assert.Equal(("accepted", 2), (upload.State, upload.Accepted));
        Assert.Equal(12.5m, (await writer.ReadAsync<BronzeSale>(upload.BronzePath!))[1].Units);
        Assert.Equal("deleted", (await uploads.DeleteAsync(upload.Id, "admin"))!.State);
        Assert.Equal("deleted", (await uploads.GetAsync(upload.Id))!.State);
    }
}
