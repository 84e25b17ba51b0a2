using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Tests.Support;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Lake.Storage.Embedded;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Events;

public sealed class CounterFolderTests
{
    private static readonly FixedTime Time = new(SampleEvents.Now);

    [Fact]
    public async Task Fold_60000GeneratedEventsFoldedAtRandomPoints_EqualsCountsComputedFromTheEvents()
    {
        // 60,000 events (all six types) in 120 batches of one partition, in time order, folded after a random number of
        // batches in steps of random size: on-hand = last snapshot minus the sales after it (or minus every sale when
        // there is no snapshot), trending = count and units per day × item, both computed here from the events alone.
        var rng = new Random(7);
        var events = Enumerable.Range(0, 60_000).Select(n => SampleEvents.Valid(rng, n)).ToList();
        events = [.. events.OrderBy(e => JsonDocument.Parse(e).RootElement.GetProperty("occurred_at").GetDateTimeOffset())];
        var tables = new InMemoryTableStore();
        var ingestor = new EventIngestor(new BronzeWriter(new InMemoryObjectStore(), ParquetRecordFormat.Instance),
            new EventParser(new EventValidationOptions(), Time), new StreamingCounters(tables, Time), Time, NullLogger<EventIngestor>.Instance);
        var folder = new CounterFolder(tables, Time);
        var folded = 0;
        for (var b = 0; b < 120; b++)
        {
            var slice = events.Skip(b * 500).Take(500).ToList();
            await ingestor.IngestAsync(new EventBatch("0", slice.Select((e, i) => new RawEvent(Encoding.UTF8.GetBytes(e), (b * 500) + i, SampleEvents.Now)).ToList(), true));
            if (rng.Next(5) == 0)
            {
                folded += (await folder.FoldAsync(maxDeltaRows: rng.Next(1, 20))).DeltaRows;
            }
        }

        folded += (await folder.FoldAsync()).DeltaRows;

        Assert.Equal(120, folded);
        var rows = CounterRows.Flatten(tables.All(ServingTables.Counters)).Where(r => !r.PartitionKey.StartsWith('_')).ToDictionary(r => (r.PartitionKey, r.RowKey));
        var expected = Expected(events);
        Assert.Equal(expected.Keys.Order(), rows.Keys.Order());
        foreach (var (key, (count, units, onHand)) in expected)
        {
            var row = rows[key];
            if (key.Item1.StartsWith("trending|", StringComparison.Ordinal))
            {
                Assert.Equal(count, row.GetInt64("Count"));
                Assert.Equal(units, row.GetDouble("Units")!.Value, 6);
            }
            else
            {
                Assert.Equal(onHand, row.GetDouble("OnHand")!.Value, 6);
            }
        }

        Assert.DoesNotContain(tables.All(ServingTables.Counters), r => r.PartitionKey == StreamingCounters.DeltaPartition);
    }

    [Fact]
    public async Task Hook_BatchTouching80000Counters_SplitsDeltaAndShardsUnderTheServiceLimitsAndFoldsExactly()
    {
        // 40,000 distinct products with 200-character ids: about 8.4 MB of delta, over the 1 MiB entity limit.
        var tables = new InMemoryTableStore();
        var hook = new StreamingCounters(tables, Time);
        var pad = new string('x', 200);
        var accepted = Enumerable.Range(0, 40_000).Select(i => SampleEvents.Sale(i, "s" + (i % 7), pad + i.ToString(CultureInfo.InvariantCulture), 1 + (i % 3))).ToList();

        Assert.True(await hook.OnAcceptedAsync(new EventBatch("9", [], true), accepted, false, CancellationToken.None));

        var deltas = tables.All(ServingTables.Counters).Where(r => r.PartitionKey == StreamingCounters.DeltaPartition).ToList();
        Assert.InRange(deltas.Count, 15, 25);
        Assert.All(deltas, d =>
        {
            Assert.Matches(@"^\d{19}\|9\|0{19}\|\d{3}$", d.RowKey);
            var slices = d.Properties.Where(p => p.Key.StartsWith('D')).Select(p => (byte[])p.Value!).ToList();
            Assert.All(slices, s => Assert.InRange(s.Length, 1, 64 * 1024));
            Assert.InRange(slices.Sum(s => s.Length), 1, 1_000_000);
        });
        var result = await new CounterFolder(tables, Time).FoldAsync();
        Assert.Equal(deltas.Count, result.DeltaRows);
        Assert.Equal(80_000, result.Counters);
        Assert.Equal((1 + 7) * CounterShard.Shards, result.ShardRows);

        // Shard rows hold ~1,250 counters of ~220 bytes each here: several 64 KiB slices, under the 1 MiB entity limit.
        var shards = tables.All(ServingTables.Counters).Where(r => !r.PartitionKey.StartsWith('_')).ToList();
        Assert.Equal(result.ShardRows, shards.Count);
        Assert.All(shards, r =>
        {
            var slices = r.Properties.Where(p => p.Key.StartsWith('D')).Select(p => (byte[])p.Value!).ToList();
            Assert.All(slices, s => Assert.InRange(s.Length, 1, 64 * 1024));
            Assert.InRange(slices.Sum(s => s.Length), 1, 1_000_000);
        });
        Assert.Contains(shards, r => r.GetBinary("D1") is not null);
        var onHand = CounterRows.Flatten(tables.All(ServingTables.Counters)).Where(r => r.PartitionKey.StartsWith("inventory|", StringComparison.Ordinal)).Sum(r => r.GetDouble("OnHand")!.Value);
        Assert.Equal(-accepted.Sum(e => (double)e.Quantity!.Value), onHand);
    }

    [Fact]
    public async Task Fold_DeltaDeletedByAnotherFolderMidway_RollsBackWholeOnSqlite()
    {
        var dir = RepoPaths.NewTempDirectory("obrador-fold");
        try
        {
            using var tables = new SqliteTableStore(Path.Combine(dir, "tables.db"));
            await tables.CreateTableIfNotExistsAsync(ServingTables.Counters);
            var hook = new StreamingCounters(tables, Time);
            for (var b = 0; b < 3; b++)
            {
                await hook.OnAcceptedAsync(new EventBatch("0", [], true), [SampleEvents.Sale(b, "s1", "p", 2)], false, CancellationToken.None);
            }

            // Another folder commits one of the deltas between this fold's reads and its write: the write must fail whole.
            var racing = new RacingTableStore(tables);
            var error = await Assert.ThrowsAsync<StorageException>(() => new CounterFolder(racing, Time).FoldAsync());
            Assert.Equal(StorageErrorKind.NotFound, error.Kind);
            Assert.Null(await CounterRows.GetAsync(tables, "trending|2026-11-21", "p"));
            Assert.Equal(2, (await tables.QueryAsync(ServingTables.Counters, StreamingCounters.DeltaPartition)).Items.Count);

            Assert.Equal(2, (await new CounterFolder(tables, Time).FoldAsync()).DeltaRows);
            Assert.Equal(4.0, (await CounterRows.GetAsync(tables, "trending|2026-11-21", "p"))!.GetDouble("Units"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Fold_CorruptAndTruncatedDeltaRows_QuarantinedWithReasonOthersFolded()
    {
        var tables = new InMemoryTableStore();
        var hook = new StreamingCounters(tables, Time);
        await hook.OnAcceptedAsync(new EventBatch("0", [], true), [SampleEvents.Sale(1, "s1", "p", 2)], false, CancellationToken.None);
        var good = tables.All(ServingTables.Counters).Single(r => r.PartitionKey == StreamingCounters.DeltaPartition);
        await tables.UpsertAsync(ServingTables.Counters, new TableEntity(StreamingCounters.DeltaPartition, "0|x|000") { ["D0"] = new byte[] { 9, 1, 2 } });
        await tables.UpsertAsync(ServingTables.Counters, new TableEntity(StreamingCounters.DeltaPartition, "0|y|000") { ["D0"] = good.GetBinary("D0")![..^3] });

        var result = await new CounterFolder(tables, Time).FoldAsync();

        Assert.Equal(3, result.DeltaRows);
        Assert.Equal(2.0, (await CounterRows.GetAsync(tables, "trending|2026-11-21", "p"))!.GetDouble("Units"));
        Assert.DoesNotContain(tables.All(ServingTables.Counters), r => r.PartitionKey == StreamingCounters.DeltaPartition);
        var quarantined = tables.All(ServingTables.Counters).Where(r => r.PartitionKey == CounterFolder.QuarantinePartition).OrderBy(r => r.RowKey).ToList();
        Assert.Equal(["0|x|000", "0|y|000"], quarantined.Select(r => r.RowKey));
        Assert.Contains("not a version-1 delta", quarantined[0].GetString("Error"), StringComparison.Ordinal);
        Assert.Contains("is truncated at byte", quarantined[1].GetString("Error"), StringComparison.Ordinal);
        Assert.Equal(new byte[] { 9, 1, 2 }, quarantined[0].GetBinary("D0"));
    }

    [Fact]
    public async Task Fold_TwoFoldersTakingTurns_CountExactlyAndReadBackOnlyShardsTheyDidNotJustWrite()
    {
        // Two folders (two processes, or the timer moving between instances) fold the same log in random turns. A folder
        // that folded last, in the generation still current, reads no counter shard back; any other folder reads them.
        var memory = new InMemoryTableStore();
        var tables = new CountingTableStore(memory);
        var hook = new StreamingCounters(tables, Time);
        CounterFolder[] folders = [new(tables, Time), new(tables, Time)];
        var rng = new Random(3);
        var (sales, units, last) = (0L, 0.0, -1);
        var sequence = 0L;
        for (var round = 0; round < 40; round++)
        {
            // Every batch sells each of 40 products in each of 3 stores, in random order and quantities.
            var batch = Enumerable.Range(0, 120).OrderBy(_ => rng.Next()).Select(k => SampleEvents.Sale(sequence++, "s" + (k % 3), "p" + (k / 3), rng.Next(1, 4))).ToList();
            (sales, units) = (sales + batch.Count, units + batch.Sum(e => (double)e.Quantity!.Value));
            await hook.OnAcceptedAsync(new EventBatch("0", [], true), batch, false, CancellationToken.None);

            var who = rng.Next(2);
            tables.KeysRead = 0;
            await folders[who].FoldAsync();

            // Folds 1 and 2 cannot use the cache (no generation yet, then a first compare-and-swap); after that a folder
            // folding twice in a row finds every shard it needs in what it wrote last time.
            if (who == last && round >= 2)
            {
                Assert.Equal(0, tables.KeysRead);
            }
            else if (round >= 1)
            {
                Assert.True(tables.KeysRead > 0, $"round {round}: folder {who} should have read the shards the other folder wrote");
            }

            last = who;
        }

        var counters = CounterRows.Flatten(memory.All(ServingTables.Counters));
        var trending = counters.Where(r => r.PartitionKey.StartsWith("trending|", StringComparison.Ordinal)).ToList();
        Assert.Equal(sales, trending.Sum(r => r.GetInt64("Count")!.Value));
        Assert.Equal(units, trending.Sum(r => r.GetDouble("Units")!.Value), 6);
        Assert.Equal(-units, counters.Where(r => r.PartitionKey.StartsWith("inventory|", StringComparison.Ordinal)).Sum(r => r.GetDouble("OnHand")!.Value), 6);
        Assert.Single(counters, r => r.PartitionKey == CounterFolder.GenerationPartition);
    }

    private static Dictionary<(string, string), (long Count, double Units, double OnHand)> Expected(List<string> events)
    {
        var expected = new Dictionary<(string, string), (long Count, double Units, double OnHand)>();
        foreach (var json in events)
        {
            var e = JsonDocument.Parse(json).RootElement;
            var data = e.GetProperty("data");
            var day = "trending|" + e.GetProperty("occurred_at").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            void Trend(string item, double units)
            {
                var (c, u, _) = expected.GetValueOrDefault((day, item));
                expected[(day, item)] = (c + 1, u + units, 0);
            }

            switch (e.GetProperty("event_type").GetString())
            {
                case "purchase":
                    foreach (var line in data.GetProperty("basket").EnumerateArray())
                    {
                        Trend(line.GetProperty("item_id").GetString()!, line.GetProperty("quantity").GetDouble());
                    }

                    break;
                case "pos_sale":
                    var units = data.GetProperty("quantity").GetDouble();
                    Trend(data.GetProperty("product_id").GetString()!, units);
                    var sold = ("inventory|" + data.GetProperty("store_id").GetString(), data.GetProperty("product_id").GetString()!);
                    expected[sold] = (0, 0, expected.GetValueOrDefault(sold).OnHand - units);
                    break;
                case "inventory_snapshot":
                    var counted = ("inventory|" + data.GetProperty("store_id").GetString(), data.GetProperty("product_id").GetString()!);
                    expected[counted] = (0, 0, data.GetProperty("on_hand").GetDouble());
                    break;
            }
        }

        return expected;
    }

    /// <summary>Deletes the first delta row through the real store just before the fold's write, as a racing folder would.</summary>
    [Fact]
    public async Task Fold_FailingAfterItChangedCachedShards_SameFolderNextFoldCountsOnce()
    {
        // The folder's cache holds the shards of trending|2026-11-21 from its last fold. The next fold changes them, then
        // fails reading a store it has not cached: the retry must start from the stored shards, not the changed ones.
        var tables = new FailingReadsTableStore(new InMemoryTableStore());
        var hook = new StreamingCounters(tables, Time);
        var folder = new CounterFolder(tables, Time);
        for (var b = 0; b < 2; b++)
        {
            await hook.OnAcceptedAsync(new EventBatch("0", [], true), [SampleEvents.Sale(b, "s1", "p", 1)], false, CancellationToken.None);
            await folder.FoldAsync();
        }

        await hook.OnAcceptedAsync(new EventBatch("0", [], true), [SampleEvents.Sale(2, "s2", "p", 1)], false, CancellationToken.None);
        tables.Fail = true;
        await Assert.ThrowsAsync<StorageException>(() => folder.FoldAsync());
        tables.Fail = false;
        Assert.Equal(1, (await folder.FoldAsync()).DeltaRows);

        Assert.Equal(3L, (await CounterRows.GetAsync(tables, "trending|2026-11-21", "p"))!.GetInt64("Count"));
        Assert.Equal(-1.0, (await CounterRows.GetAsync(tables, "inventory|s2", "p"))!.GetDouble("OnHand"));
    }

    private sealed class FailingReadsTableStore(ITableStore inner) : DelegatingTableStore(inner)
    {
        public bool Fail { get; set; }

        public override Task<IReadOnlyDictionary<string, TableEntity>> GetManyAsync(string table, string partitionKey, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken = default) =>
            Fail ? throw new StorageException(StorageErrorKind.Service, partitionKey, "read failed") : base.GetManyAsync(table, partitionKey, rowKeys, cancellationToken);
    }

    private sealed class RacingTableStore(ITableStore inner) : DelegatingTableStore(inner)
    {
        public override async Task SubmitBatchesAsync(string table, IReadOnlyList<IReadOnlyList<TableOperation>> batches, CancellationToken cancellationToken = default)
        {
            var first = batches.SelectMany(b => b).First(o => o.Kind == TableOperationKind.Delete).Entity;
            await Inner.DeleteAsync(table, first.PartitionKey, first.RowKey, "*", cancellationToken);
            await Inner.SubmitBatchesAsync(table, batches, cancellationToken);
        }
    }
}
