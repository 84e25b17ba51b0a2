using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Lake.Storage;
using Obrador.Lake.Storage.Embedded;
using Obrador.Testing;
using Obrador.Ingestion.Tests.Support;
using Obrador.Lake.Serving;

namespace Obrador.Ingestion.Tests.Events;

public sealed class StreamingCountersTests
{
    private static string Event(string id, string type, string at, string data) =>
        $"{{\"event_id\":\"{id}\",\"event_type\":\"{type}\",\"occurred_at\":\"{at}\",\"source\":\"pos-1\",\"schema_version\":1,\"data\":{data}}}";

    private static EventBatch Batch(string partition, long firstSeq, params string[] events) =>
        new(partition, events.Select((e, i) => new RawEvent(Encoding.UTF8.GetBytes(e), firstSeq + i, SampleEvents.Now)).ToList(), true);

    [Fact]
    public async Task OnAccepted_SnapshotThenSales_OnHandIsSnapshotMinusLaterSales()
    {
        var (ingestor, _, _, tables) = EventIngestorTests.Create();
        await ingestor.IngestAsync(Batch("0", 10,
            Event("a", "pos_sale", "2026-11-21T07:00:00Z", "{\"store_id\":\"s1\",\"product_id\":\"p\",\"ticket_id\":\"t0\",\"quantity\":5,\"unit_price\":1,\"currency\":\"EUR\"}"),
            Event("b", "inventory_snapshot", "2026-11-21T08:00:00Z", "{\"store_id\":\"s1\",\"product_id\":\"p\",\"on_hand\":40}"),
            Event("c", "pos_sale", "2026-11-21T09:00:00Z", "{\"store_id\":\"s1\",\"product_id\":\"p\",\"ticket_id\":\"t1\",\"quantity\":3,\"unit_price\":1,\"currency\":\"EUR\"}")));
        await ingestor.IngestAsync(Batch("0", 13,
            Event("d", "pos_sale", "2026-11-21T10:00:00Z", "{\"store_id\":\"s1\",\"product_id\":\"p\",\"ticket_id\":\"t2\",\"quantity\":2.5,\"unit_price\":1,\"currency\":\"EUR\"}")));

        var row = (await EventIngestorTests.Folded(tables)).Single(e => e.PartitionKey == "inventory|s1" && e.RowKey == "p");
        Assert.Equal(34.5, row.GetDouble("OnHand"));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero), row.GetDateTimeOffset("SnapshotAt"));
    }

    [Fact]
    public async Task OnAccepted_BatchOutOfTimeOrder_SalesAndCountsApplyByOccurredAt()
    {
        // Arrival order: the 08:00 sale, the 07:00 count, the 06:00 count, the 06:30 sale. In time order the 07:00 count
        // of 20 is the last one and only the 08:00 sale follows it.
        var (ingestor, _, _, tables) = EventIngestorTests.Create();
        await ingestor.IngestAsync(Batch("0", 0,
            Event("a", "pos_sale", "2026-11-21T08:00:00Z", "{\"store_id\":\"s1\",\"product_id\":\"p\",\"ticket_id\":\"t0\",\"quantity\":6,\"unit_price\":1,\"currency\":\"EUR\"}"),
            Event("b", "inventory_snapshot", "2026-11-21T07:00:00Z", "{\"store_id\":\"s1\",\"product_id\":\"p\",\"on_hand\":20}"),
            Event("c", "inventory_snapshot", "2026-11-21T06:00:00Z", "{\"store_id\":\"s1\",\"product_id\":\"p\",\"on_hand\":30}"),
            Event("d", "pos_sale", "2026-11-21T06:30:00Z", "{\"store_id\":\"s1\",\"product_id\":\"p\",\"ticket_id\":\"t1\",\"quantity\":4,\"unit_price\":1,\"currency\":\"EUR\"}")));

        var row = (await EventIngestorTests.Folded(tables)).Single(e => e.PartitionKey == "inventory|s1" && e.RowKey == "p");
        Assert.Equal(14.0, row.GetDouble("OnHand"));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 7, 0, 0, TimeSpan.Zero), row.GetDateTimeOffset("SnapshotAt"));
    }

    [Fact]
    public async Task OnAccepted_PurchaseBasket_CountsEachLineUnderItsDay()
    {
        var (ingestor, _, _, tables) = EventIngestorTests.Create();
        await ingestor.IngestAsync(Batch("1", 0,
            Event("a", "purchase", "2026-11-20T23:30:00-02:00", "{\"user_id\":\"u\",\"currency\":\"EUR\",\"basket\":[{\"item_id\":\"x\",\"quantity\":2},{\"item_id\":\"y\",\"quantity\":1}]}"),
            Event("b", "purchase", "2026-11-21T10:00:00Z", "{\"user_id\":\"u\",\"currency\":\"EUR\",\"item_id\":\"x\",\"quantity\":4,\"price\":1}"),
            Event("c", "view", "2026-11-21T10:00:00Z", "{\"user_id\":\"u\",\"item_id\":\"x\"}")));

        var x = (await EventIngestorTests.Folded(tables)).Single(e => e.PartitionKey == "trending|2026-11-21" && e.RowKey == "x");
        Assert.Equal((2L, 6.0), (x.GetInt64("Count"), x.GetDouble("Units")));
        Assert.Single((await EventIngestorTests.Folded(tables)), e => e.PartitionKey == "trending|2026-11-21" && e.RowKey == "y");
    }

    [Fact]
    public async Task OnAccepted_ConcurrentPartitionsAndFoldsOnSqlite_LoseNoIncrement()
    {
        // 8 partitions × 25 batches × 20 sales of the same product at once, every store read followed by a yield, while
        // the folder folds the delta log over and over in steps of 7 rows: every increment must land exactly once
        // (8 × 25 × 20 × 2 units), the log must end empty, and each partition's watermark must end at its last sequence number.
        var dir = RepoPaths.NewTempDirectory("obrador-counters");
        try
        {
            using var tables = new SqliteTableStore(Path.Combine(dir, "tables.db"));
            var time = new FixedTime(SampleEvents.Now);
            var ingestor = new EventIngestor(new BronzeWriter(new InMemoryObjectStore(), ParquetRecordFormat.Instance),
                new EventParser(new EventValidationOptions(), time), new StreamingCounters(new YieldingTableStore(tables), time), time, NullLogger<EventIngestor>.Instance);
            var folder = new CounterFolder(new YieldingTableStore(tables), time);
            var sale = (string id) => Event(id, "pos_sale", "2026-11-21T09:00:00Z", "{\"store_id\":\"s9\",\"product_id\":\"hot\",\"ticket_id\":\"t\",\"quantity\":2,\"unit_price\":1,\"currency\":\"EUR\"}");
            // Partition 0 folds after each of its batches while the other seven keep ingesting.
            var foldedWhileIngesting = 0;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(p => Task.Run(async () =>
            {
                for (var b = 0; b < 25; b++)
                {
                    await ingestor.IngestAsync(Batch(p.ToString(System.Globalization.CultureInfo.InvariantCulture), b * 20,
                        Enumerable.Range(0, 20).Select(i => sale($"p{p}-{b}-{i}")).ToArray()));
                    if (p == 0)
                    {
                        foldedWhileIngesting += (await folder.FoldAsync(maxDeltaRows: 7)).DeltaRows;
                    }

                    await Task.Yield();
                }
            })));
            var last = await folder.FoldAsync();

            Assert.Equal(200, foldedWhileIngesting + last.DeltaRows);
            Assert.InRange(foldedWhileIngesting, 25, 200);
            Assert.Empty((await tables.QueryAsync(ServingTables.Counters, StreamingCounters.DeltaPartition)).Items);
            var row = await CounterRows.GetAsync(tables, "trending|2026-11-21", "hot");
            Assert.Equal((4000L, 8000.0), (row!.GetInt64("Count"), row.GetDouble("Units")));
            Assert.Equal(-8000.0, (await CounterRows.GetAsync(tables, "inventory|s9", "hot"))!.GetDouble("OnHand"));
            var watermarks = (await tables.QueryAsync(ServingTables.Counters, "_watermark")).Items;
            Assert.Equal(Enumerable.Range(0, 8).Select(p => StreamingCounters.WatermarkKey(p.ToString(System.Globalization.CultureInfo.InvariantCulture), 499)),
                watermarks.Select(w => w.RowKey));
            Assert.All(watermarks, w => Assert.Equal(499L, w.GetInt64("LastSequence")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OnAccepted_TwoInstancesTakingTurnsOnOnePartition_CountEachEventOnce(bool sqlite)
    {
        var dir = RepoPaths.NewTempDirectory("obrador-watermark");
        using var sqliteStore = sqlite ? new SqliteTableStore(Path.Combine(dir, "tables.db")) : null;
        try
        {
            await TwoInstancesTakingTurnsAsync(sqliteStore is null ? new InMemoryTableStore() : sqliteStore, seed: sqlite ? 10 : 20);
        }
        finally
        {
            sqliteStore?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Two hook instances (two app instances, each with its own cached watermark) read one partition of 3,000 sales at
    /// the same time, each from a random point up to 400 events behind its own progress (a lagging checkpoint after the
    /// partition moved), in batches of 1–250, with every store call pausing so their reads and swaps interleave. Each
    /// sale must be counted exactly once. Without the swap's delete the stale caches count it about twice; with the
    /// delta written before the swap on a store that commits batch by batch, a loser's delta overwrites the winner's.
    /// </summary>
    internal static async Task TwoInstancesTakingTurnsAsync(ITableStore store, int seed)
    {
        const int Events = 3000;
        await store.CreateTableIfNotExistsAsync(ServingTables.Counters);
        var time = new FixedTime(SampleEvents.Now);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(writer => Task.Run(async () =>
        {
            var hook = new StreamingCounters(new YieldingTableStore(store), time);
            var random = new Random(writer + seed);
            for (var progress = 0; progress < Events;)
            {
                var start = Math.Max(0, progress - random.Next(0, 400));
                var count = Math.Min(random.Next(1, 251), Events - start);
                var events = Enumerable.Range(start, count).Select(i => SampleEvents.Sale(i)).ToList();
                try
                {
                    await hook.OnAcceptedAsync(new EventBatch("7", [], true), events, false, CancellationToken.None);
                }
                catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound)
                {
                    continue; // lost MaxAttempts swaps in a row: the host would redeliver the batch
                }

                progress = Math.Max(progress, start + count);
            }
        })));
        await new CounterFolder(store, time).FoldAsync();

        var row = await CounterRows.GetAsync(store, "trending|2026-11-21", "p");
        Assert.Equal((long)Events, row!.GetInt64("Count"));
        Assert.Equal(-Events, (await CounterRows.GetAsync(store, "inventory|s", "p"))!.GetDouble("OnHand"));
    }

    [Fact]
    public async Task OnAccepted_ManyBatches_ReadTheWatermarkOnlyForANewPartition()
    {
        // A new partition is read three times (no row; no row of the earlier layout either; a base row is written; read
        // again), then its cached watermark is swapped without reading: 3 reads per partition for 40 batches, and the
        // base rows are gone.
        var tables = new CountingTableStore(new InMemoryTableStore());
        var hook = new StreamingCounters(tables, new FixedTime(SampleEvents.Now));
        for (var b = 0; b < 40; b++)
        {
            var partition = (b % 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await hook.OnAcceptedAsync(new EventBatch(partition, [], true), Enumerable.Range(b * 10, 10).Select(i => SampleEvents.Sale(i)).ToList(), false, CancellationToken.None);
        }

        Assert.Equal(6, tables.Reads);
        var watermarks = (await tables.QueryAsync(ServingTables.Counters, "_watermark")).Items;
        Assert.Equal(new[] { StreamingCounters.WatermarkKey("0", 389), StreamingCounters.WatermarkKey("1", 399) }, watermarks.Select(w => w.RowKey));
    }

    [Fact]
    public async Task OnAccepted_WatermarkOfTheEarlierLayout_IsWhereCountingResumes()
    {
        // A lake written before watermarks were swapped: one row events|{partition} at sequence 104. A redelivery of
        // 100–109 counts only 105–109, and the watermark moves on in the new layout.
        var tables = new InMemoryTableStore();
        await tables.UpsertAsync(ServingTables.Counters, new TableEntity("_watermark", "events|7") { ["LastSequence"] = 104L });
        var hook = new StreamingCounters(tables, new FixedTime(SampleEvents.Now));

        await hook.OnAcceptedAsync(new EventBatch("7", [], true), Enumerable.Range(100, 10).Select(i => SampleEvents.Sale(i)).ToList(), false, CancellationToken.None);

        var row = (await EventIngestorTests.Folded(tables)).Single(e => e.PartitionKey == "trending|2026-11-21" && e.RowKey == "p");
        Assert.Equal(5, row.GetInt64("Count"));
        Assert.Contains(tables.All(ServingTables.Counters), r => r.PartitionKey == "_watermark" && r.RowKey == StreamingCounters.WatermarkKey("7", 109));
        Assert.DoesNotContain(tables.All(ServingTables.Counters), r => r.PartitionKey == "_watermark" && r.RowKey == StreamingCounters.WatermarkKey("7", 104));
    }

    [Theory]
    [InlineData("1", "0")]
    [InlineData("9", "10")]
    [InlineData("http", "0")]
    public async Task Fold_MergesBatchesInArrivalOrder_WhateverTheirPartitions(string countPartition, string salePartition)
    {
        // A stock count arrives, then a till sale made after it arrives on another partition; one fold takes both. Read
        // in partition-name order ("0" < "1", "10" < "9", Event Hub before "http-…") the count would hide the sale.
        var store = new InMemoryObjectStore();
        var tables = new InMemoryTableStore();
        var time = new FixedTime(SampleEvents.Now);
        var ingestor = new EventIngestor(new BronzeWriter(store, ParquetRecordFormat.Instance), new EventParser(new EventValidationOptions(), time), new StreamingCounters(tables, time), time, NullLogger<EventIngestor>.Instance);
        var count = Event("c", "inventory_snapshot", "2026-11-21T10:00:00Z", "{\"store_id\":\"s1\",\"product_id\":\"p\",\"on_hand\":100}");
        var sale = Event("s", "pos_sale", "2026-11-21T11:00:00Z", "{\"store_id\":\"s1\",\"product_id\":\"p\",\"ticket_id\":\"t\",\"quantity\":5,\"unit_price\":1,\"currency\":\"EUR\"}");

        await ingestor.IngestAsync(countPartition == "http"
            ? new EventBatch("http-" + LakePaths.Key(count), EventBatchReader.SplitHttpBody(Encoding.UTF8.GetBytes(count), time.GetUtcNow()), false)
            : Batch(countPartition, 0, count));
        time.Now += TimeSpan.FromSeconds(1);
        await ingestor.IngestAsync(Batch(salePartition, 0, sale));

        var row = (await EventIngestorTests.Folded(tables)).Single(e => e.PartitionKey == "inventory|s1" && e.RowKey == "p");
        Assert.Equal(95.0, row.GetDouble("OnHand"));
    }

    [Fact]
    public async Task OnAccepted_OverlappingRedelivery_SkipsEventsBelowWatermark()
    {
        var (ingestor, _, _, tables) = EventIngestorTests.Create();
        var sale = (string id) => Event(id, "pos_sale", "2026-11-21T09:00:00Z", "{\"store_id\":\"s2\",\"product_id\":\"p\",\"ticket_id\":\"t\",\"quantity\":1,\"unit_price\":1,\"currency\":\"EUR\"}");
        await ingestor.IngestAsync(Batch("5", 100, sale("a"), sale("b")));
        await ingestor.IngestAsync(Batch("5", 101, sale("b"), sale("c")));

        var row = (await EventIngestorTests.Folded(tables)).Single(e => e.PartitionKey == "trending|2026-11-21" && e.RowKey == "p");
        Assert.Equal(3, row.GetInt64("Count"));
    }
}

[Collection(EndToEnd.AzuriteCollection.Name)]
public sealed class AzuriteStreamingCountersTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OnAccepted_TwoInstancesTakingTurnsOnOnePartitionOnAzurite_CountEachEventOnce()
    {
        // The real Table service semantics: each entity-group batch commits on its own, a delete of a missing row fails it (404).
        using var backend = StorageFactory.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });
        await StreamingCountersTests.TwoInstancesTakingTurnsAsync(backend.Tables, seed: 30);
    }
}
