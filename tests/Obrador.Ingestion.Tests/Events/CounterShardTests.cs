using System.Globalization;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Tests.Support;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Events;

public sealed class CounterShardTests
{
    private static readonly DateTimeOffset Now = SampleEvents.Now;

    [Fact]
    public void ToRowThenDecode_3000GeneratedCountersOfBothKinds_RoundTripExactly()
    {
        var shard = Generated(new Random(5), 3_000, idLength: 12);

        var row = shard.ToRow("trending|2026-11-21", 7, Now);
        var back = CounterShard.Decode(row);

        Assert.Equal(("trending|2026-11-21", "s07", 3_000L, (DateTimeOffset?)Now), (row.PartitionKey, row.RowKey, row.GetInt64("Items"), row.GetDateTimeOffset("UpdatedAt")));
        Assert.Equal(shard.Counters.OrderBy(c => c.Key, StringComparer.Ordinal), back.Counters.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.True(CounterShard.IsShardRow(row));
    }

    [Fact]
    public void Decode_EveryTruncation_ThrowsOrYieldsAPrefixOfTheCounters()
    {
        // A cut between two counters leaves a shorter valid shard; a cut inside one is an error naming the row.
        var shard = Generated(new Random(6), 40, idLength: 5);
        var bytes = CounterBytes.Load(shard.ToRow("inventory|s1", 0, Now));
        var errors = 0;
        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = CounterBytes.Store(new TableEntity("inventory|s1", "s00"), bytes.AsSpan(0, length));
            try
            {
                var decoded = CounterShard.Decode(cut);
                Assert.All(decoded.Counters, c => Assert.Equal(shard.Counters[c.Key], c.Value));
                Assert.True(decoded.Count < shard.Count);
            }
            catch (InvalidDataException e)
            {
                errors++;
                Assert.Contains("Counter shard inventory|s1/s00", e.Message, StringComparison.Ordinal);
            }
        }

        Assert.InRange(errors, bytes.Length - shard.Count - 1, bytes.Length);
    }

    [Theory]
    [InlineData(new byte[] { 2, 0 }, "not a version-1 shard")]
    [InlineData(new byte[] { 1, 1, (byte)'p', 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF }, "a time is out of range")]
    [InlineData(new byte[] { 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "longer than 10 bytes")]
    public void Decode_MalformedBytes_ThrowsNamingTheProblem(byte[] bytes, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => CounterShard.Decode(CounterBytes.Store(new TableEntity("trending|2026-11-21", "s03"), bytes)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AnIdTwice_Throws()
    {
        var one = CounterBytes.Load(Single("p").ToRow("trending|d", 1, Now));
        var twice = one.Concat(one.Skip(1)).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => CounterShard.Decode(CounterBytes.Store(new TableEntity("trending|d", "s01"), twice)));

        Assert.Contains("id 'p' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_IsFnv1aModulo32AndSpreads10000IdsEvenly()
    {
        // FNV-1a 32-bit test vectors (draft-eastlake-fnv): "a" → 0xe40c292c, "foobar" → 0xbf9cf968; ASCII code units equal their bytes.
        Assert.Equal((int)(0xe40c292cu % 32), CounterShard.Of("a"));
        Assert.Equal((int)(0xbf9cf968u % 32), CounterShard.Of("foobar"));

        var sizes = Enumerable.Range(0, 10_000).GroupBy(i => CounterShard.Of("item-" + i.ToString(CultureInfo.InvariantCulture))).Select(g => g.Count()).ToList();

        Assert.Equal(CounterShard.Shards, sizes.Count);
        Assert.All(sizes, n => Assert.InRange(n, 240, 385));
    }

    [Fact]
    public void ToRow_30000CountersOverTheRowCapacity_DropsTheLeastCountedAndRecordsThem()
    {
        // 30,000 trending counters with 40-character ids need ~1.7 MB: the shard keeps the most counted that fit in a row.
        var shard = new CounterShard();
        var rng = new Random(8);
        for (var i = 0; i < 30_000; i++)
        {
            shard.Slot("item-" + i.ToString("D35", CultureInfo.InvariantCulture), out _) = new Counter(false, rng.Next(1, 1_000), rng.Next(1, 10), 0, null, Now);
        }

        var all = shard.Counters.ToDictionary();
        var row = shard.ToRow("trending|2026-11-21", 4, Now);
        var back = CounterShard.Decode(row);

        Assert.InRange(CounterBytes.Load(row).Length, CounterBytes.RowCapacity - 100, CounterBytes.RowCapacity);
        Assert.Equal(30_000 - back.Count, back.Evicted);
        Assert.Equal(back.Evicted, row.GetInt64("Evicted"));
        Assert.InRange(back.Count, 15_000, 17_000);
        var weakestKept = back.Counters.Values.Min(c => (c.Count, c.Units));
        Assert.All(all.Where(c => !back.Counters.ContainsKey(c.Key)), c => Assert.True((c.Value.Count, c.Value.Units).CompareTo(weakestKept) <= 0));
        Assert.All(back.Counters, c => Assert.Equal(all[c.Key], c.Value));
    }

    [Fact]
    public async Task Fold_CorruptShardRow_QuarantinedWithReasonAndItsCountersStartAgain()
    {
        var tables = new InMemoryTableStore();
        var hook = new StreamingCounters(tables, new FixedTime(Now));
        var folder = new CounterFolder(tables, new FixedTime(Now));
        await hook.OnAcceptedAsync(new EventBatch("0", [], true), [SampleEvents.Sale(1, "s1", "p", 2), SampleEvents.Sale(2, "s1", "foobar", 5)], false, CancellationToken.None);
        await folder.FoldAsync();
        var broken = CounterShard.RowKey(CounterShard.Of("p"));
        Assert.NotEqual(broken, CounterShard.RowKey(CounterShard.Of("foobar")));
        await tables.UpsertAsync(ServingTables.Counters, new TableEntity("trending|2026-11-21", broken) { ["D0"] = new byte[] { 1, 9 } });

        // A reader skips the broken shard; the next fold that touches it quarantines it and counts p from zero.
        Assert.Equal(["foobar"], (await new CounterReader(tables).TrendingAsync(new DateOnly(2026, 11, 21), 10)).Items.Select(i => i.Id));
        await hook.OnAcceptedAsync(new EventBatch("0", [], true), [SampleEvents.Sale(3, "s1", "p", 1), SampleEvents.Sale(4, "s1", "foobar", 1)], false, CancellationToken.None);
        await new CounterFolder(tables, new FixedTime(Now)).FoldAsync();

        var quarantined = Assert.Single(tables.All(ServingTables.Counters), r => r.PartitionKey == CounterFolder.QuarantinePartition);
        Assert.Equal("trending|2026-11-21|" + broken, quarantined.RowKey);
        Assert.Contains("is truncated at byte", quarantined.GetString("Error"), StringComparison.Ordinal);
        Assert.Equal(new byte[] { 1, 9 }, quarantined.GetBinary("D0"));
        Assert.Equal((1L, 1.0), (await CounterRows.GetAsync(tables, "trending|2026-11-21", "p")) is { } p ? (p.GetInt64("Count"), p.GetDouble("Units")) : default);
        Assert.Equal((2L, 6.0), (await CounterRows.GetAsync(tables, "trending|2026-11-21", "foobar")) is { } f ? (f.GetInt64("Count"), f.GetDouble("Units")) : default);
    }

    [Fact]
    public async Task Reader_RowsOfThePerItemLayout_AreSkipped()
    {
        var tables = new InMemoryTableStore();
        await tables.UpsertAsync(ServingTables.Counters, new TableEntity("trending|2026-11-21", "s01") { ["Count"] = 9L, ["Units"] = 9.0 });
        await tables.UpsertAsync(ServingTables.Counters, new TableEntity("inventory|s1", "rye") { ["OnHand"] = 4.0 });

        Assert.Equal(0, (await new CounterReader(tables).TrendingAsync(new DateOnly(2026, 11, 21), 10)).ItemsCounted);
        Assert.Empty(await new CounterReader(tables).InventoryAsync("s1"));
    }

    /// <summary><paramref name="n"/> counters with random ids (some non-ASCII) of <paramref name="idLength"/> characters, half of each kind.</summary>
    private static CounterShard Generated(Random rng, int n, int idLength)
    {
        var shard = new CounterShard();
        while (shard.Count < n)
        {
            var id = new string([.. Enumerable.Range(0, idLength).Select(_ => rng.Next(10) == 0 ? 'ñ' : (char)rng.Next('a', 'z' + 1))]);
            ref var c = ref shard.Slot(id, out var exists);
            var at = Now.AddTicks(-rng.NextInt64(TimeSpan.TicksPerDay * 400));
            c = rng.Next(2) == 0
                ? new Counter(false, rng.NextInt64(1, 1L << 40), rng.NextDouble() * 1e6, 0, null, at)
                : new Counter(true, 0, 0, (rng.NextDouble() - 0.3) * 500, rng.Next(3) == 0 ? null : at.AddHours(-rng.Next(48)), at);
        }

        return shard;
    }

    private static CounterShard Single(string id)
    {
        var shard = new CounterShard();
        shard.Slot(id, out _) = new Counter(false, 1, 1, 0, null, Now);
        return shard;
    }
}
