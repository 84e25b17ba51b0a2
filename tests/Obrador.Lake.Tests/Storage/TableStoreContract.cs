using Obrador.Lake.Storage;

namespace Obrador.Lake.Tests.Storage;

/// <summary>Behaviour every <see cref="ITableStore"/> adapter must show; one concrete subclass per adapter.</summary>
public abstract partial class TableStoreContract
{
    /// <summary>A table no other test touches.</summary>
    protected string Table { get; } = "t" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>The store under test.</summary>
    protected abstract ITableStore Store { get; }

    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 11, 12, TimeSpan.Zero);

    [Fact]
    public async Task Upsert_ThenGet_RoundTripsEveryType()
    {
        var e = new TableEntity("p1", "r1")
        {
            ["Text"] = "héllo 🍞 ' \" & <x> % + ? /",
            ["Empty"] = "",
            ["I32"] = int.MinValue,
            ["I64"] = long.MaxValue,
            ["I64Small"] = 7L,
            ["Dbl"] = 0.1 + 0.2,
            ["DblBig"] = double.MaxValue,
            ["DblTiny"] = double.Epsilon,
            ["Flag"] = true,
            ["Off"] = false,
            ["When"] = new DateTimeOffset(2026, 11, 21, 23, 59, 58, TimeSpan.FromHours(2)).AddTicks(1234567),
            ["Id"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            ["Blob"] = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(),
        };
        var etag = await Store.UpsertAsync(Table, e);
        var got = await Store.GetAsync(Table, "p1", "r1");

        Assert.NotNull(got);
        Assert.Equal(etag, got.ETag);
        Assert.NotNull(got.Timestamp);
        Assert.Equal(e.Properties.Count, got.Properties.Count);
        foreach (var (name, value) in e.Properties)
        {
            var actual = got[name];
            Assert.Equal(value!.GetType(), actual?.GetType());
            Assert.Equal(value, actual);
        }

        Assert.Equal(TimeSpan.Zero, got.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(e.GetDateTimeOffset("When")!.Value.UtcTicks, got.GetDateTimeOffset("When")!.Value.UtcTicks);
    }

    [Fact]
    public async Task Upsert_Merge_KeepsOtherProperties_Replace_DropsThem()
    {
        await Store.UpsertAsync(Table, new TableEntity("p", "r") { ["A"] = 1L, ["B"] = "b" });
        await Store.UpsertAsync(Table, new TableEntity("p", "r") { ["B"] = "b2", ["C"] = 3.0 }, UpsertMode.Merge);
        var merged = await Store.GetAsync(Table, "p", "r");
        Assert.Equal(1L, merged!["A"]);
        Assert.Equal("b2", merged["B"]);
        Assert.Equal(3.0, merged["C"]);

        await Store.UpsertAsync(Table, new TableEntity("p", "r") { ["D"] = true }, UpsertMode.Replace);
        var replaced = await Store.GetAsync(Table, "p", "r");
        Assert.Equal(["D"], replaced!.Properties.Keys);
    }

    [Fact]
    public async Task Upsert_Twice_ChangesETag()
    {
        var a = await Store.UpsertAsync(Table, new TableEntity("p", "r") { ["A"] = 1L });
        var b = await Store.UpsertAsync(Table, new TableEntity("p", "r") { ["A"] = 1L });
        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task Get_WithSelect_ReturnsOnlySelectedProperties()
    {
        await Store.UpsertAsync(Table, new TableEntity("p", "r") { ["A"] = 1L, ["B"] = "b", ["C"] = 2.5 });
        var got = await Store.GetAsync(Table, "p", "r", ["A", "C"]);
        Assert.Equal("p", got!.PartitionKey);
        Assert.Equal("r", got.RowKey);
        Assert.Equal(1L, got["A"]);
        Assert.Equal(2.5, got["C"]);
        Assert.False(got.Properties.ContainsKey("B"));
    }

    [Fact]
    public async Task GetMany_ExistingMissingAndOddKeys_ReturnsExactlyTheExistingRowsOfThatPartition()
    {
        // 300 rows (more than one multi-get chunk anywhere), keys with quotes, brackets and non-ASCII.
        string[] odd = ["it's", "a\"b", "[1,2]", "ñandú", "日本"];
        var keys = Enumerable.Range(0, 300).Select(i => $"k{i:D3}").Concat(odd).ToList();
        foreach (var chunk in keys.Chunk(100))
        {
            await Store.SubmitBatchAsync(Table, chunk.Select(k => TableOperation.Merge(new TableEntity("p", k) { ["V"] = k.Length })).ToList());
        }

        await Store.UpsertAsync(Table, new TableEntity("other", "k000") { ["V"] = -1 });
        var asked = keys.Where((_, i) => i % 3 == 0).Concat(["missing", "k000", "it's"]).ToList();
        var found = await Store.GetManyAsync(Table, "p", asked);
        var expected = asked.Where(k => k != "missing").Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, found.Keys.Order(StringComparer.Ordinal));
        foreach (var (rk, entity) in found)
        {
            Assert.Equal("p", entity.PartitionKey);
            Assert.Equal(rk, entity.RowKey);
            Assert.Equal(rk.Length, entity["V"]);
        }

        Assert.Empty(await Store.GetManyAsync(Table, "nothing-here", ["k001"]));
    }

    [Fact]
    public async Task SubmitBatches_SeveralPartitions_AppliesEveryBatchAndReplaceMovesTheETag()
    {
        var before = await Store.UpsertAsync(Table, new TableEntity("a", "r0") { ["Old"] = "gone", ["V"] = 0 });
        var batches = new[] { "a", "b", "c" }
            .Select(pk => (IReadOnlyList<TableOperation>)Enumerable.Range(0, 60).Select(i => TableOperation.Replace(new TableEntity(pk, $"r{i}") { ["V"] = i })).ToList())
            .ToList();
        await Store.SubmitBatchesAsync(Table, batches);
        foreach (var pk in new[] { "a", "b", "c" })
        {
            var rows = (await Store.QueryAsync(Table, pk, new TableQuery(Top: 1000))).Items;
            Assert.Equal(Enumerable.Range(0, 60).Select(i => i), rows.Select(r => (int)r["V"]!).Order());
        }

        var replaced = await Store.GetAsync(Table, "a", "r0");
        Assert.False(replaced!.Properties.ContainsKey("Old"));
        Assert.NotEqual(before, replaced.ETag);
    }

    [Fact]
    public async Task SubmitBatches_ReplaceRowsSmallAndOverOneKiB_RoundTripExactlyAndMoveEveryETag()
    {
        // Small rows and rows of 1–30 KiB of binary in one batch, and a single large row alone: both write paths of an
        // adapter that sends small and large rows differently.
        var rng = new Random(5);
        TableEntity Row(int i) => new("mix", $"r{i:D2}") { ["V"] = (long)i, ["B"] = i % 3 == 0 ? RandomBytes(rng, 1024 + (i * 1000)) : RandomBytes(rng, 8) };
        var rows = Enumerable.Range(0, 30).Select(Row).ToList();
        await Store.SubmitBatchesAsync(Table, [rows.Select(TableOperation.Replace).ToList(), [TableOperation.Replace(new TableEntity("one", "big") { ["B"] = RandomBytes(rng, 40_000) })]]);
        var first = await Store.GetManyAsync(Table, "mix", rows.Select(r => r.RowKey).ToList());

        var again = Enumerable.Range(0, 30).Select(Row).ToList();
        await Store.SubmitBatchesAsync(Table, [again.Select(TableOperation.Replace).ToList()]);
        var second = await Store.GetManyAsync(Table, "mix", rows.Select(r => r.RowKey).ToList());

        Assert.All(again, r =>
        {
            Assert.Equal((byte[])r["B"]!, second[r.RowKey].GetBinary("B"));
            Assert.Equal(r["V"], second[r.RowKey]["V"]);
            Assert.NotEqual(first[r.RowKey].ETag, second[r.RowKey].ETag);
        });
        Assert.Equal(40_000, (await Store.GetAsync(Table, "one", "big"))!.GetBinary("B")!.Length);
    }

    private static byte[] RandomBytes(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Get_Missing_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(Table, "p", "r"));
        await Store.CreateTableIfNotExistsAsync(Table);
        await Store.CreateTableIfNotExistsAsync(Table);
        Assert.Null(await Store.GetAsync(Table, "p", "r"));
        Assert.Empty((await Store.QueryAsync(Table, "p")).Items);
    }

    [Fact]
    public async Task Batch_HundredOperations_AppliesAll()
    {
        var ops = Enumerable.Range(0, 100).Select(i => TableOperation.Merge(new TableEntity("b", $"r{i:D3}") { ["I"] = i })).ToList();
        await Store.SubmitBatchAsync(Table, ops);
        var page = await Store.QueryAsync(Table, "b");
        Assert.Equal(100, page.Items.Count);
        Assert.Equal(Enumerable.Range(0, 100), page.Items.Select(e => (int)e["I"]!));
    }

    [Fact]
    public async Task Batch_WithFailingOperation_AppliesNothing()
    {
        await Store.UpsertAsync(Table, new TableEntity("b", "keep") { ["V"] = 1L });
        var e = await Assert.ThrowsAsync<StorageException>(() => Store.SubmitBatchAsync(Table,
        [
            TableOperation.Replace(new TableEntity("b", "new") { ["V"] = 2L }),
            TableOperation.Merge(new TableEntity("b", "keep") { ["V"] = 3L }),
            TableOperation.Delete("b", "does-not-exist"),
        ]));
        Assert.Equal(StorageErrorKind.NotFound, e.Kind);
        Assert.Null(await Store.GetAsync(Table, "b", "new"));
        Assert.Equal(1L, (await Store.GetAsync(Table, "b", "keep"))!["V"]);
    }

    [Fact]
    public async Task Batch_MixedOperations_AreAllApplied()
    {
        await Store.UpsertAsync(Table, new TableEntity("b", "old") { ["V"] = 1L });
        await Store.UpsertAsync(Table, new TableEntity("b", "merge") { ["A"] = "a" });
        await Store.SubmitBatchAsync(Table,
        [
            TableOperation.Delete("b", "old"),
            TableOperation.Merge(new TableEntity("b", "merge") { ["B"] = "b" }),
            TableOperation.Replace(new TableEntity("b", "new") { ["C"] = 3 }),
        ]);
        Assert.Null(await Store.GetAsync(Table, "b", "old"));
        var merged = await Store.GetAsync(Table, "b", "merge");
        Assert.Equal(["A", "B"], merged!.Properties.Keys.Order());
        Assert.Equal(3, (await Store.GetAsync(Table, "b", "new"))!["C"]);
    }

    [Fact]
    public async Task Batch_AcrossTwoPartitions_ThrowsInvalidBatchNamingBoth()
    {
        var e = await Assert.ThrowsAsync<StorageException>(() => Store.SubmitBatchAsync(Table,
            [TableOperation.Merge(new TableEntity("p1", "r")), TableOperation.Merge(new TableEntity("p2", "r"))]));
        Assert.Equal(StorageErrorKind.InvalidBatch, e.Kind);
        Assert.Contains("p1", e.Message, StringComparison.Ordinal);
        Assert.Contains("p2", e.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(Table, "p1", "r"));
    }

    [Fact]
    public async Task Batch_InvalidShapes_ThrowInvalidBatch()
    {
        var tooMany = Enumerable.Range(0, 101).Select(i => TableOperation.Merge(new TableEntity("p", $"r{i}"))).ToList();
        var duplicate = new[] { TableOperation.Merge(new TableEntity("p", "r")), TableOperation.Delete("p", "r") };
        foreach (var ops in new IReadOnlyList<TableOperation>[] { [], tooMany, duplicate })
        {
            var e = await Assert.ThrowsAsync<StorageException>(() => Store.SubmitBatchAsync(Table, ops));
            Assert.Equal(StorageErrorKind.InvalidBatch, e.Kind);
        }

        Assert.Empty((await Store.QueryAsync(Table, "p")).Items);
    }

    [Fact]
    public async Task Delete_WithETag_ChecksIt()
    {
        var v1 = await Store.UpsertAsync(Table, new TableEntity("d", "r") { ["V"] = 1L });
        var v2 = await Store.UpsertAsync(Table, new TableEntity("d", "r") { ["V"] = 2L });
        var e = await Assert.ThrowsAsync<StorageException>(() => Store.DeleteAsync(Table, "d", "r", v1));
        Assert.Equal(StorageErrorKind.PreconditionFailed, e.Kind);
        Assert.Contains("d", e.Resource, StringComparison.Ordinal);
        Assert.True(await Store.DeleteAsync(Table, "d", "r", v2));
        Assert.False(await Store.DeleteAsync(Table, "d", "r"));
        Assert.Null(await Store.GetAsync(Table, "d", "r"));
    }

    [Fact]
    public async Task Upsert_EntityOverOneMiB_ThrowsEntityTooLarge()
    {
        var e = new TableEntity("big", "r");
        for (var i = 0; i < 17; i++)
        {
            e[$"Chunk{i}"] = new byte[64 * 1024 - 16];
        }

        var ex = await Assert.ThrowsAsync<StorageException>(() => Store.UpsertAsync(Table, e));
        Assert.Equal(StorageErrorKind.EntityTooLarge, ex.Kind);
        Assert.Contains("big", ex.Resource, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(Table, "big", "r"));
    }

    [Fact]
    public async Task Upsert_EntityJustUnderOneMiB_IsStored()
    {
        // 15 strings of 32,000 UTF-16 characters: 960,000 bytes by the service's formula (the JSON body is half that).
        var e = new TableEntity("big", "ok");
        for (var i = 0; i < 15; i++)
        {
            e[$"Chunk{i}"] = new string((char)('a' + i), 32_000);
        }

        await Store.UpsertAsync(Table, e);
        Assert.Equal(e["Chunk14"], (await Store.GetAsync(Table, "big", "ok"))!["Chunk14"]);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("tab\t")]
    public async Task Upsert_ForbiddenKeyCharacter_ThrowsInvalidInput(string key)
    {
        var e = await Assert.ThrowsAsync<StorageException>(() => Store.UpsertAsync(Table, new TableEntity(key, "r")));
        Assert.Equal(StorageErrorKind.InvalidInput, e.Kind);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    public async Task Upsert_InvalidTableName_ThrowsInvalidInput(string table)
    {
        var e = await Assert.ThrowsAsync<StorageException>(() => Store.UpsertAsync(table, new TableEntity("p", "r")));
        Assert.Equal(StorageErrorKind.InvalidInput, e.Kind);
    }

    [Fact]
    public async Task Upsert_ParallelMergesOfDifferentProperties_KeepsEveryProperty()
    {
        await Store.UpsertAsync(Table, new TableEntity("c", "r") { ["Base"] = 0L });
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            await Task.Yield();
            await Store.UpsertAsync(Table, new TableEntity("c", "r") { [$"P{i}"] = (long)i });
        }));
        var got = await Store.GetAsync(Table, "c", "r");
        Assert.Equal(11, got!.Properties.Count);
    }

    [Fact]
    public async Task Check_OnWorkingStore_Succeeds()
    {
        await Store.CheckAsync();
    }
}
