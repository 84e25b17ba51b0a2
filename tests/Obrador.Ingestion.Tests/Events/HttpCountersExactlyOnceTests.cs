using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Tests.Support;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Lake.Storage.Embedded;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Events;

/// <summary>
/// An HTTP body's events reach the counters exactly once on SQLite: a client's retry after a failed attempt (bronze
/// written, then the quarantine write or the counters failed) counts the body once, a resend after a fold does not count
/// it again, and a body's watermark row is pruned once a resend would be a redelivery anyway.
/// </summary>
public sealed class HttpCountersExactlyOnceTests
{
    private static string Sale(string id, int quantity) =>
        $"{{\"event_id\":\"{id}\",\"event_type\":\"pos_sale\",\"occurred_at\":\"2026-11-21T09:00:00Z\",\"source\":\"pos-1\",\"schema_version\":1,\"data\":{{\"store_id\":\"s1\",\"product_id\":\"p\",\"ticket_id\":\"t{id}\",\"quantity\":{quantity},\"unit_price\":1,\"currency\":\"EUR\"}}}}";

    private static EventBatch Body(FixedTime time, params string[] events)
    {
        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", events) + ",{\"event_id\":\"broken\"}]");
        return new EventBatch("http-" + LakePaths.Key(body), EventBatchReader.SplitHttpBody(body, time.GetUtcNow()), FromEventHub: false);
    }

    private static EventIngestor Ingestor(IObjectStore store, ITableStore tables, FixedTime time) =>
        new(new BronzeWriter(store, ParquetRecordFormat.Instance), new EventParser(new EventValidationOptions(), time), new StreamingCounters(tables, time), time, NullLogger<EventIngestor>.Instance);

    private static async Task<(long Count, double Units)?> TrendingAsync(ITableStore tables, FixedTime time)
    {
        await new CounterFolder(tables, time).FoldAsync();
        return await CounterRows.GetAsync(tables, "trending|2026-11-21", "p") is { } row ? (row.GetInt64("Count")!.Value, row.GetDouble("Units")!.Value) : null;
    }

    [Theory]
    [InlineData("counters")]
    [InlineData("quarantine")]
    public async Task RetryAfterAFailedAttempt_CountsTheBodyOnce(string failing)
    {
        using var sqlite = new TempSqlite();
        var time = new FixedTime(SampleEvents.Now);
        var store = new FailingObjectStore(new InMemoryObjectStore(), failing == "quarantine" ? "quarantine/events/" : "none/") { Failures = 1 };
        var tables = new FailingTables(sqlite.Tables) { Failures = failing == "counters" ? 1 : 0 };
        var ingestor = Ingestor(store, tables, time);
        var batch = Body(time, Sale("a", 3), Sale("b", 2));

        await Assert.ThrowsAsync<StorageException>(() => ingestor.IngestAsync(batch));
        var retry = await ingestor.IngestAsync(batch);
        var afterRetry = await TrendingAsync(sqlite.Tables, time);
        var resent = await ingestor.IngestAsync(batch);

        Assert.True(retry.CountersApplied);
        Assert.False(resent.CountersApplied);
        Assert.Equal((2L, 5.0), afterRetry);
        Assert.Equal((2L, 5.0), await TrendingAsync(sqlite.Tables, time));
    }

    [Fact]
    public async Task ResendPastTheRedeliveryWindow_IsSkipped_AndTheBodysWatermarkIsPruned()
    {
        using var sqlite = new TempSqlite();
        var time = new FixedTime(SampleEvents.Now);
        var store = new InMemoryObjectStore();
        var first = Body(time, Sale("a", 3));
        await Ingestor(store, sqlite.Tables, time).IngestAsync(first);
        await Ingestor(store, sqlite.Tables, time).IngestAsync(new EventBatch("7", [new RawEvent(Encoding.UTF8.GetBytes(Sale("hub", 1)), 40, time.GetUtcNow())], FromEventHub: true));
        var folder = new CounterFolder(sqlite.Tables, time);

        time.Now += StreamingCounters.HttpWatermarkLifetime - TimeSpan.FromHours(1);
        var keptWhileYoung = await folder.PruneHttpWatermarksAsync();
        time.Now += TimeSpan.FromHours(2);
        var pruned = await folder.PruneHttpWatermarksAsync();
        var resent = await Ingestor(store, sqlite.Tables, time).IngestAsync(first);
        var watermarks = await sqlite.Tables.QueryAsync(ServingTables.Counters, StreamingCounters.WatermarkPartition, new TableQuery());

        Assert.Equal((0, 1), (keptWhileYoung, pruned));
        Assert.False(resent.CountersApplied);
        Assert.Equal((2L, 4.0), await TrendingAsync(sqlite.Tables, time));
        Assert.Equal([StreamingCounters.WatermarkKey("7", 40)], watermarks.Items.Select(r => r.RowKey));
    }

    [Fact]
    public async Task ResendWithinTheRedeliveryWindow_AfterAFold_IsNotCountedAgain()
    {
        using var sqlite = new TempSqlite();
        var time = new FixedTime(SampleEvents.Now);
        var store = new InMemoryObjectStore();
        var batch = Body(time, Sale("a", 3));
        await Ingestor(store, sqlite.Tables, time).IngestAsync(batch);
        await TrendingAsync(sqlite.Tables, time);

        time.Now += EventIngestor.RedeliveryAfter - TimeSpan.FromDays(1);
        var resent = await Ingestor(store, sqlite.Tables, time).IngestAsync(batch);

        Assert.False(resent.CountersApplied);
        Assert.Equal((1L, 3.0), await TrendingAsync(sqlite.Tables, time));
    }

    [Fact]
    public async Task NewBody_ReadsItsWatermarkTwice_AndNoRowOfTheEarlierLayout()
    {
        // A new body: the range query, the base row, the range query again (it sees any racing writer), then one
        // transaction. The earlier layout (events|{partition}) never held HTTP bodies, so no point read.
        var time = new FixedTime(SampleEvents.Now);
        var tables = new CountingTableStore(new InMemoryTableStore());
        var ingestor = Ingestor(new InMemoryObjectStore(), tables, time);

        var result = await ingestor.IngestAsync(Body(time, Sale("a", 3)));

        Assert.True(result.CountersApplied);
        Assert.Equal(2, tables.Reads);
    }

    // Fails the next Failures batch submissions (the hook's one transaction) as an outage would.
    private sealed class FailingTables(ITableStore inner) : DelegatingTableStore(inner)
    {
        public int Failures { get; set; }

        public override Task SubmitBatchesAsync(string table, IReadOnlyList<IReadOnlyList<TableOperation>> batches, CancellationToken cancellationToken = default)
        {
            if (Failures > 0)
            {
                Failures--;
                throw new StorageException(StorageErrorKind.Unavailable, table, "injected failure");
            }

            return base.SubmitBatchesAsync(table, batches, cancellationToken);
        }
    }

    private sealed class TempSqlite : IDisposable
    {
        private readonly string _dir = RepoPaths.NewTempDirectory("obrador-http-counters");

        public TempSqlite()
        {
            Tables = new SqliteTableStore(Path.Combine(_dir, "tables.db"));
            Tables.CreateTableIfNotExistsAsync(ServingTables.Counters).GetAwaiter().GetResult();
        }

        public SqliteTableStore Tables { get; }

        public void Dispose()
        {
            Tables.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dir, recursive: true);
        }
    }
}
