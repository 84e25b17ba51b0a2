using System.Globalization;
using System.Text;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Tests.Support;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Lake.Storage.Embedded;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Events;

public sealed class CounterReaderTests
{
    private static readonly FixedTime Time = new(SampleEvents.Now);

    [Fact]
    public async Task Trending_30000GeneratedEvents_EachDayRanksAsTheFoldedRowsDo()
    {
        var rng = new Random(11);
        var tables = await IngestAndFoldAsync(Enumerable.Range(0, 30_000).Select(n => SampleEvents.Valid(rng, n)));
        var reader = new CounterReader(tables);
        var rows = CounterRows.Flatten(tables.All(ServingTables.Counters)).Where(r => r.PartitionKey.StartsWith("trending|", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);

        foreach (var day in rows.GroupBy(r => r.PartitionKey))
        {
            var date = DateOnly.ParseExact(day.Key["trending|".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var expected = day.Select(r => (r.RowKey, Count: r.GetInt64("Count")!.Value, Units: r.GetDouble("Units")!.Value))
                .OrderByDescending(r => r.Count).ThenByDescending(r => r.Units).ThenBy(r => r.RowKey, StringComparer.Ordinal).Take(7).ToList();

            var live = await reader.TrendingAsync(date, 7);

            Assert.Equal(date, live.Day);
            Assert.Equal(day.Count(), live.ItemsCounted);
            Assert.Equal(expected, live.Items.Select(i => (i.Id, i.Count, i.Units)));
            Assert.Equal(day.Max(r => r.GetDateTimeOffset("UpdatedAt")), live.UpdatedAt);
        }
    }

    [Fact]
    public async Task Trending_DayOf2500Items_FindsTheTopAcrossShardsWithTiesByUnitsThenId()
    {
        // 2,500 items, one sale each, except six with more: the ranking needs every shard and both tie-breaks.
        var sales = Enumerable.Range(0, 2_500).Select(i => SampleEvents.Sale(i, "s1", "p" + i.ToString("D4", CultureInfo.InvariantCulture), 1)).ToList();
        long sequence = 10_000;
        foreach (var (product, count, units) in new[] { ("p2400", 5, 1), ("p0007", 3, 2), ("p1999", 3, 2), ("p1500", 3, 4), ("p0100", 2, 1), ("p2499", 2, 1) })
        {
            sales.AddRange(Enumerable.Range(0, count - 1).Select(_ => SampleEvents.Sale(sequence++, "s1", product, units)));
        }

        var tables = new InMemoryTableStore();
        await new StreamingCounters(tables, Time).OnAcceptedAsync(new EventBatch("0", [], true), sales, false, CancellationToken.None);
        await new CounterFolder(tables, Time).FoldAsync();

        var live = await new CounterReader(tables).TrendingAsync(new DateOnly(2026, 11, 21), 6);

        Assert.Equal(2_500, live.ItemsCounted);
        Assert.Equal(["p2400", "p1500", "p0007", "p1999", "p0100", "p2499"], live.Items.Select(i => i.Id));
        Assert.Equal([5L, 3, 3, 3, 2, 2], live.Items.Select(i => i.Count));
        Assert.Equal(9.0, live.Items[1].Units);
        Assert.Equal(SampleEvents.Now, live.UpdatedAt);
    }

    [Fact]
    public async Task Answers_OnSqlite_KeptUntilTheNextFold_ThenReadAgain()
    {
        // While no fold lands, a repeated call reads only the generation marker, not the day's shards of 2,500 counters.
        var dir = RepoPaths.NewTempDirectory("obrador-reader");
        try
        {
            using var sqlite = new SqliteTableStore(Path.Combine(dir, "tables.db"));
            await sqlite.CreateTableIfNotExistsAsync(ServingTables.Counters);
            var tables = new CountingTableStore(sqlite);
            var hook = new StreamingCounters(sqlite, Time);
            var folder = new CounterFolder(sqlite, Time);
            var reader = new CounterReader(tables);
            var day = new DateOnly(2026, 11, 21);
            await hook.OnAcceptedAsync(new EventBatch("0", [], true), Enumerable.Range(0, 2_500).Select(i => SampleEvents.Sale(i, "s1", "p" + i, 1)).ToList(), false, CancellationToken.None);
            await folder.FoldAsync();

            var reads = tables.Reads;
            var first = await reader.TrendingAsync(day, 3);
            Assert.True(tables.Reads - reads > 1, "the first call scans the day");
            reads = tables.Reads;
            Assert.Same(first, await reader.TrendingAsync(day, 3));
            Assert.Equal(1, tables.Reads - reads);

            var stock = await reader.InventoryAsync("s1");
            reads = tables.Reads;
            Assert.Same(stock, await reader.InventoryAsync("s1"));
            Assert.Equal(1, tables.Reads - reads);

            // The next fold moves the generation: the same calls see the new sales.
            await hook.OnAcceptedAsync(new EventBatch("0", [], true), [SampleEvents.Sale(5_000, "s1", "p42", 7)], false, CancellationToken.None);
            await folder.FoldAsync();
            var after = await reader.TrendingAsync(day, 3);
            Assert.Equal(("p42", 2L, 8.0), (after.Items[0].Id, after.Items[0].Count, after.Items[0].Units));
            Assert.Equal(-8.0, (await reader.InventoryAsync("s1")).Single(l => l.ProductId == "p42").OnHand);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Answers_OnAStoreCommittingBatchByBatch_AreReadEveryTime()
    {
        // As on Azure: a fold's rows land after its marker moves, so a kept answer could mix two folds.
        var memory = new InMemoryTableStore();
        var tables = new CountingTableStore(memory);
        await new StreamingCounters(memory, Time).OnAcceptedAsync(new EventBatch("0", [], true), [SampleEvents.Sale(1, "s1", "p", 2)], false, CancellationToken.None);
        await new CounterFolder(memory, Time).FoldAsync();
        var reader = new CounterReader(tables);

        var first = await reader.TrendingAsync(new DateOnly(2026, 11, 21), 3);
        var reads = tables.Reads;
        var again = await reader.TrendingAsync(new DateOnly(2026, 11, 21), 3);

        Assert.NotSame(first, again);
        Assert.Equal(first.Items, again.Items);
        Assert.Equal(1, tables.Reads - reads);
    }

    [Fact]
    public async Task Trending_DayWithoutEvents_IsEmpty()
    {
        var live = await new CounterReader(new InMemoryTableStore()).TrendingAsync(new DateOnly(2026, 1, 1), 10);

        Assert.Empty(live.Items);
        Assert.Equal(0, live.ItemsCounted);
        Assert.Null(live.UpdatedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Trending_CountOutsideOneToThousand_Throws(int n) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new CounterReader(new InMemoryTableStore()).TrendingAsync(new DateOnly(2026, 11, 21), n));

    [Fact]
    public async Task Inventory_SnapshotThenSales_ListsOnHandPerProductInIdOrder()
    {
        var tables = new InMemoryTableStore();
        var hook = new StreamingCounters(tables, Time);
        var at = new DateTimeOffset(2026, 11, 21, 7, 0, 0, TimeSpan.Zero);
        await hook.OnAcceptedAsync(new EventBatch("0", [], true),
            [SampleEvents.Snapshot(1, "s2", "rye", 40, at), SampleEvents.Snapshot(2, "s2", "baguette", 25, at), SampleEvents.Sale(3, "s2", "rye", 3), SampleEvents.Sale(4, "s2", "croissant", 2), SampleEvents.Sale(5, "s3", "rye", 9)],
            false, CancellationToken.None);
        await new CounterFolder(tables, Time).FoldAsync();
        var reader = new CounterReader(tables);

        var levels = await reader.InventoryAsync("s2");

        Assert.Equal([("baguette", 25.0, (DateTimeOffset?)at), ("croissant", -2.0, null), ("rye", 37.0, at)], levels.Select(l => (l.ProductId, l.OnHand, l.SnapshotAt)));
        Assert.All(levels, l => Assert.Equal(SampleEvents.Now, l.UpdatedAt));
        Assert.Empty(await reader.InventoryAsync("s404"));
    }

    private static async Task<InMemoryTableStore> IngestAndFoldAsync(IEnumerable<string> events)
    {
        var (ingestor, _, _, tables) = EventIngestorTests.Create();
        var sequence = 0;
        foreach (var batch in events.Chunk(1_000))
        {
            await ingestor.IngestAsync(new EventBatch("0", batch.Select(e => new RawEvent(Encoding.UTF8.GetBytes(e), sequence++, SampleEvents.Now)).ToList(), true));
        }

        await EventIngestorTests.Folded(tables);
        return tables;
    }
}

[Collection(EndToEnd.AzuriteCollection.Name)]
public sealed class AzuriteCounterReaderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reader_OnAzurite_ReadsADayAndAStoreFromTheirShardRows()
    {
        // 2,500 items sold on a day and in a store of their own: 32 shard rows each, written and read over the Table REST API.
        using var backend = StorageFactory.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });
        await backend.Tables.CreateTableIfNotExistsAsync(ServingTables.Counters);
        var time = new FixedTime(SampleEvents.Now);
        var day = new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);
        var store = "azurite-reader-" + Guid.NewGuid().ToString("N");
        var sales = Enumerable.Range(0, 2_500).Select(i => SampleEvents.Sale(i, store, "p" + i.ToString("D4", CultureInfo.InvariantCulture), 1 + (i % 7 == 3 ? 4 : 0)) with { OccurredAt = day }).ToList();
        await new StreamingCounters(backend.Tables, time).OnAcceptedAsync(new EventBatch(store, [], false), sales, false, CancellationToken.None);
        await new CounterFolder(backend.Tables, time).FoldAsync();
        var reader = new CounterReader(backend.Tables);

        var live = await reader.TrendingAsync(DateOnly.FromDateTime(day.UtcDateTime), 3);
        var stock = await reader.InventoryAsync(store);

        Assert.Equal(2_500, live.ItemsCounted);
        Assert.Equal(["p0003", "p0010", "p0017"], live.Items.Select(i => i.Id));
        Assert.Equal(2_500, stock.Count);
        Assert.Equal(sales.Select(s => s.ProductId), stock.Select(l => l.ProductId));
        Assert.Equal(-sales.Sum(s => (double)s.Quantity!.Value), stock.Sum(l => l.OnHand));
        Assert.Equal(CounterShard.Shards, (await backend.Tables.QueryAsync(ServingTables.Counters, StreamingCounters.InventoryKey(store))).Items.Count);
    }
}
