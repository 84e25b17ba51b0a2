using Obrador.Testing;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Tests.Support;
using Obrador.Lake.Serving;

namespace Obrador.Ingestion.Tests.Events;

public sealed class EventIngestorTests
{
    internal static (EventIngestor Ingestor, InMemoryObjectStore Store, BronzeWriter Writer, InMemoryTableStore Tables) Create(IRecordFileFormat? format = null)
    {
        var store = new InMemoryObjectStore();
        var tables = new InMemoryTableStore();
        var time = new FixedTime(SampleEvents.Now);
        var writer = new BronzeWriter(store, format ?? ParquetRecordFormat.Instance);
        var ingestor = new EventIngestor(writer, new EventParser(new EventValidationOptions(), time), new StreamingCounters(tables, time), time, NullLogger<EventIngestor>.Instance);
        return (ingestor, store, writer, tables);
    }

    /// <summary>Folds the counters' delta log, then returns every Counters row.</summary>
    internal static async Task<IReadOnlyList<Obrador.Lake.Storage.TableEntity>> Folded(InMemoryTableStore tables)
    {
        await new CounterFolder(tables, new FixedTime(SampleEvents.Now)).FoldAsync();
        return CounterRows.Flatten(tables.All(ServingTables.Counters));
    }

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(Obrador.Testing.RepoPaths.Root, "tests", "Obrador.Ingestion.Tests", "data", "eventhub", name));

    [Fact]
    public async Task IngestAsync_EventHubFixture_WritesBronzeAndQuarantineUnderSequenceRange()
    {
        var (ingestor, store, writer, _) = Create();
        var batch = EventBatchReader.ReadEventHubInvocation(Fixture("invocation-objects.json"), "events", SampleEvents.Now);

        var result = await ingestor.IngestAsync(batch);

        Assert.Equal((2, 1), (result.Accepted, result.Rejected));
        Assert.Equal("bronze/events/date=2026-11-21/3-5120-5122.parquet", result.BronzePath);
        Assert.Equal("quarantine/events/date=2026-11-21/3-5120-5122.parquet", result.QuarantinePath);
        var rows = await writer.ReadAsync<BronzeEvent>(result.BronzePath!);
        Assert.Equal([5120L, 5121], rows.Select(r => r.SequenceNumber));
        Assert.All(rows, r => Assert.Equal("3", r.PartitionId));
        var quarantined = Assert.Single(await writer.ReadAsync<QuarantineRecord>(result.QuarantinePath!));
        Assert.Equal(2, quarantined.Index);
        Assert.StartsWith("unknown_event_type:", quarantined.Reason, StringComparison.Ordinal);
        Assert.Contains("teleport", quarantined.Raw, StringComparison.Ordinal);
        Assert.Contains("seq=5122", quarantined.Location, StringComparison.Ordinal);
        Assert.Equal(2, store.Paths.Count);
    }

    [Fact]
    public async Task IngestAsync_Redelivery_OverwritesSameFilesAndCountsOnce()
    {
        var (ingestor, store, writer, tables) = Create();
        var batch = EventBatchReader.ReadEventHubInvocation(Fixture("invocation-objects.json"), "events", SampleEvents.Now);

        var first = await ingestor.IngestAsync(batch);
        var firstBytes = store.Bytes(first.BronzePath!);
        var second = await ingestor.IngestAsync(batch);

        Assert.Equal(first.BronzePath, second.BronzePath);
        Assert.Equal(firstBytes, store.Bytes(second.BronzePath!));
        Assert.Equal(2, store.Paths.Count);
        Assert.True(first.CountersApplied);
        Assert.False(second.CountersApplied);
        var trending = (await Folded(tables)).Single(e => e.PartitionKey == "trending|2026-11-21" && e.RowKey == "baguette");
        Assert.Equal(1, trending.GetInt64("Count"));
        Assert.Equal(3.0, trending.GetDouble("Units"));
    }

    [Fact]
    public async Task IngestAsync_DuplicateEventIds_SecondRejectedWithFirstIndex()
    {
        var (ingestor, _, writer, _) = Create();
        var rng = new Random(1);
        var one = SampleEvents.Valid(rng, 0);
        var events = EventBatchReader.SplitHttpBody(SampleEvents.Array([one, SampleEvents.Valid(rng, 1), one]), SampleEvents.Now);

        var result = await ingestor.IngestAsync(new EventBatch("http-abc", events, false));

        Assert.Equal((2, 1), (result.Accepted, result.Rejected));
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal((2, "duplicate_event_id"), (rejection.Index, rejection.Code));
        Assert.Contains("index 0", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_InvalidUtf8Event_QuarantinedAsBase64()
    {
        var (ingestor, _, writer, _) = Create();
        var bad = new byte[] { (byte)'{', 0xFF, (byte)'}' };
        var events = new List<RawEvent> { new(Encoding.UTF8.GetBytes(SampleEvents.Valid(new Random(2), 0)), 0, SampleEvents.Now), new(bad, 1, SampleEvents.Now) };

        var result = await ingestor.IngestAsync(new EventBatch("7", events, true));

        var q = Assert.Single(await writer.ReadAsync<QuarantineRecord>(result.QuarantinePath!));
        Assert.Equal("base64:" + Convert.ToBase64String(bad), q.Raw);
        Assert.Equal(1, result.Accepted);
    }

    [Fact]
    public async Task IngestAsync_HttpResend_CountersNotAppliedTwice()
    {
        var (ingestor, _, _, tables) = Create();
        var json = "[{\"event_id\":\"p1\",\"event_type\":\"pos_sale\",\"occurred_at\":\"2026-11-21T08:00:00Z\",\"source\":\"pos-1\",\"schema_version\":1,\"data\":{\"store_id\":\"s1\",\"product_id\":\"p9\",\"ticket_id\":\"t1\",\"quantity\":2,\"unit_price\":1,\"currency\":\"EUR\"}}]";
        var batch = new EventBatch("http-" + LakePaths.Key(json), EventBatchReader.SplitHttpBody(Encoding.UTF8.GetBytes(json), SampleEvents.Now), false);

        Assert.True((await ingestor.IngestAsync(batch)).CountersApplied);
        Assert.False((await ingestor.IngestAsync(batch)).CountersApplied);

        var inventory = (await Folded(tables)).Single(e => e.PartitionKey == "inventory|s1");
        Assert.Equal(-2.0, inventory.GetDouble("OnHand"));
    }

    [Fact]
    public async Task IngestAsync_HttpResendOnALaterDay_RewritesTheFirstDaysFilesAndCountsOnce()
    {
        var store = new InMemoryObjectStore();
        var tables = new InMemoryTableStore();
        var writer = new BronzeWriter(store, ParquetRecordFormat.Instance);
        var json = "[{\"event_id\":\"p1\",\"event_type\":\"pos_sale\",\"occurred_at\":\"2026-11-21T08:00:00Z\",\"source\":\"pos-1\",\"schema_version\":1,\"data\":{\"store_id\":\"s1\",\"product_id\":\"p9\",\"ticket_id\":\"t1\",\"quantity\":2,\"unit_price\":1,\"currency\":\"EUR\"}},{\"event_id\":\"bad\"}]";
        var results = new List<EventBatchResult>();
        foreach (var receivedAt in new[] { SampleEvents.Now.Date.AddHours(23.99), SampleEvents.Now.Date.AddDays(1).AddHours(0.01), SampleEvents.Now.Date.AddDays(9) })
        {
            var time = new FixedTime(new DateTimeOffset(receivedAt, TimeSpan.Zero));
            var ingestor = new EventIngestor(writer, new EventParser(new EventValidationOptions(), time), new StreamingCounters(tables, time), time, NullLogger<EventIngestor>.Instance);
            var body = Encoding.UTF8.GetBytes(json);
            results.Add(await ingestor.IngestAsync(new EventBatch("http-" + LakePaths.Key(body), EventBatchReader.SplitHttpBody(body, time.GetUtcNow()), false)));
        }

        Assert.All(results, r => Assert.StartsWith("bronze/events/date=2026-11-21/http-", r.BronzePath, StringComparison.Ordinal));
        Assert.Single(results.Select(r => r.BronzePath).Distinct());
        Assert.Single(results.Select(r => r.QuarantinePath).Distinct());
        Assert.Equal([true, false, false], results.Select(r => r.CountersApplied));
        Assert.Equal(2, store.Paths.Count(p => p.StartsWith("bronze/events/", StringComparison.Ordinal) || p.StartsWith("quarantine/events/", StringComparison.Ordinal)));
        Assert.Single(store.Paths, p => p.StartsWith("bronze/receipts/events/http-", StringComparison.Ordinal));
        Assert.Equal(-2.0, (await Folded(tables)).Single(e => e.PartitionKey == "inventory|s1").GetDouble("OnHand"));
    }

    [Fact]
    public async Task IngestAsync_PartitionReadAgainWithOtherBoundariesAfterARestart_StoresEveryEventOnce()
    {
        // A process writes 100–199 (event 150 invalid) and stops before the host checkpoints. The next process gets the
        // partition from the same checkpoint in batches 100–149 and 150–249.
        var store = new InMemoryObjectStore();
        var writer = new BronzeWriter(store, ParquetRecordFormat.Instance);
        var time = new FixedTime(SampleEvents.Now);
        EventIngestor NewProcess() => new(writer, new EventParser(new EventValidationOptions(), time), null, time, NullLogger<EventIngestor>.Instance);
        var rng = new Random(5);
        var events = Enumerable.Range(0, 250).Select(i => i == 150 ? "{\"event_id\":\"broken\"}" : SampleEvents.Valid(rng, i)).ToArray();
        EventBatch Batch(int first, int last) => new("4", [.. Enumerable.Range(first, last - first + 1).Select(i => new RawEvent(Encoding.UTF8.GetBytes(events[i]), i, SampleEvents.Now))], true);

        await NewProcess().IngestAsync(Batch(100, 199));
        var restarted = NewProcess();
        await restarted.IngestAsync(Batch(100, 149));
        await restarted.IngestAsync(Batch(150, 249));

        var bronze = new List<BronzeEvent>();
        foreach (var path in store.Paths.Where(p => p.StartsWith("bronze/events/", StringComparison.Ordinal)))
        {
            bronze.AddRange(await writer.ReadAsync<BronzeEvent>(path));
        }

        var quarantined = new List<QuarantineRecord>();
        foreach (var path in store.Paths.Where(p => p.StartsWith("quarantine/events/", StringComparison.Ordinal)))
        {
            quarantined.AddRange(await writer.ReadAsync<QuarantineRecord>(path));
        }

        Assert.Equal(Enumerable.Range(100, 150).Where(i => i != 150).Select(i => (long)i), bronze.Select(e => e.SequenceNumber).Order());
        Assert.Equal(149, bronze.Select(e => e.EventId).Distinct().Count());
        Assert.Contains("seq=150;", Assert.Single(quarantined).Location, StringComparison.Ordinal);
        Assert.DoesNotContain(store.Paths, p => p.Contains("/4-100-199.parquet", StringComparison.Ordinal));
    }
}
