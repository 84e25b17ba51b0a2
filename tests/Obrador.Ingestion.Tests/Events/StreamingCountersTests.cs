using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
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
            var row = await tables.GetAsync(ServingTables.Counters, "trending|2026-11-21", "hot");
            Assert.Equal((4000L, 8000.0), (row!.GetInt64("Count"), row.GetDouble("Units")));
            Assert.Equal(-8000.0, (await tables.GetAsync(ServingTables.Counters, "inventory|s9", "hot"))!.GetDouble("OnHand"));
            for (var p = 0; p < 8; p++)
            {
                Assert.Equal(499L, (await tables.GetAsync(ServingTables.Counters, "_watermark", $"events|{p}"))!.GetInt64("LastSequence"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
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
