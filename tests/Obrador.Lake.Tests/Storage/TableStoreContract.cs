using Obrador.Lake.Storage;

namespace Obrador.Lake.Tests.Storage;

/// <summary>Behaviour every <see cref="ITableStore"/> adapter must show; one concrete subclass per adapter.</summary>
public abstract class TableStoreContract
{
    /// <summary>A table no other test touches.</summary>
    protected string Table { get; } = "t" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>The store under test.</summary>
    protected abstract ITableStore Store { get; }

    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 11, 12, TimeSpan.Zero);

    public static TheoryData<string, ComparisonOp> TypesAndOps()
    {
        var data = new TheoryData<string, ComparisonOp>();
        foreach (var type in new[] { "string", "int", "long", "double", "datetime" })
        {
            foreach (var op in Enum.GetValues<ComparisonOp>())
            {
                data.Add(type, op);
            }
        }

        foreach (var type in new[] { "bool", "guid", "binary" })
        {
            data.Add(type, ComparisonOp.Equal);
            data.Add(type, ComparisonOp.NotEqual);
        }

        return data;
    }

    /// <summary>The i-th of five values of a type, increasing in i (bool alternates).</summary>
    private static object Value(string type, int i) => type switch
    {
        "string" => "v" + (char)('a' + i),
        "int" => -2 + i * 1000,
        "long" => (1L << 40) + i,
        "double" => -1.5 + i * 0.25,
        "datetime" => T0.AddDays(i).AddTicks(i * 1000),
        "bool" => i % 2 == 0,
        "guid" => new Guid($"00000000-0000-0000-0000-00000000000{i}"),
        "binary" => new byte[] { 1, 2, (byte)i },
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

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
    public async Task Get_Missing_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(Table, "p", "r"));
        await Store.CreateTableIfNotExistsAsync(Table);
        await Store.CreateTableIfNotExistsAsync(Table);
        Assert.Null(await Store.GetAsync(Table, "p", "r"));
        Assert.Empty((await Store.QueryAsync(Table, "p")).Items);
    }

    [Fact]
    public async Task Query_ManyPages_ReturnsEveryRowOnceInOrdinalRowKeyOrder()
    {
        var keys = Enumerable.Range(0, 45).Select(i => $"k{i * 7 % 45:D2}").Concat(["A", "Z", "_", "a", "~"]).ToList();
        foreach (var chunk in keys.Chunk(20))
        {
            await Store.SubmitBatchAsync(Table, chunk.Select(k => TableOperation.Replace(new TableEntity("part", k) { ["K"] = k })).ToList());
        }

        await Store.UpsertAsync(Table, new TableEntity("other", "k00") { ["K"] = "x" });

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.QueryAsync(Table, "part", new TableQuery(Top: 8), token);
            Assert.True(page.Items.Count <= 8);
            Assert.All(page.Items, e => Assert.Equal(e.RowKey, e["K"]));
            seen.AddRange(page.Items.Select(e => e.RowKey));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(keys.Order(StringComparer.Ordinal), seen);
        Assert.True(pages >= 7);
    }

    [Theory]
    [MemberData(nameof(TypesAndOps))]
    public async Task Query_FilterOnEachTypeAndOp_ReturnsExactlyTheMatchingRows(string type, ComparisonOp op)
    {
        var ops = new List<TableOperation>();
        for (var i = 0; i < 5; i++)
        {
            ops.Add(TableOperation.Replace(new TableEntity("f", $"r{i}") { ["V"] = Value(type, i), ["I"] = (long)i }));
        }

        ops.Add(TableOperation.Replace(new TableEntity("f", "r9-missing") { ["I"] = 9L }));
        await Store.SubmitBatchAsync(Table, ops);

        var pivot = Value(type, 2);
        var page = await Store.QueryAsync(Table, "f", new TableQuery([new TableCondition("V", op, pivot)]));

        bool Same(int i) => type == "binary" ? i == 2 : Equals(Value(type, i), pivot);
        var expected = Enumerable.Range(0, 5).Where(i => op switch
        {
            ComparisonOp.Equal => Same(i),
            ComparisonOp.NotEqual => !Same(i),
            ComparisonOp.GreaterThan => i > 2,
            ComparisonOp.GreaterThanOrEqual => i >= 2,
            ComparisonOp.LessThan => i < 2,
            _ => i <= 2,
        }).Select(i => $"r{i}");
        Assert.Equal(expected, page.Items.Select(e => e.RowKey));
    }

    [Fact]
    public async Task Query_FilterAndSelectAndTop_CombineAcrossPages()
    {
        var ops = Enumerable.Range(0, 30).Select(i => TableOperation.Replace(new TableEntity("q", $"r{i:D2}") { ["N"] = (long)i, ["Even"] = i % 2 == 0, ["Pad"] = "x" })).ToList();
        await Store.SubmitBatchAsync(Table, ops);
        var query = new TableQuery([new TableCondition("Even", ComparisonOp.Equal, true), new TableCondition("N", ComparisonOp.GreaterThanOrEqual, 6L)], ["N"], Top: 4);

        var rows = new List<TableEntity>();
        string? token = null;
        do
        {
            var page = await Store.QueryAsync(Table, "q", query, token);
            rows.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(3, 12).Select(i => (long)(2 * i)), rows.Select(r => r.GetInt64("N")!.Value));
        Assert.All(rows, r => Assert.Equal(["N"], r.Properties.Keys));
    }

    [Fact]
    public async Task Query_RowKeyRange_UsesOrdinalOrder()
    {
        var keys = new[] { "A", "B", "_", "a", "b", "ä" };
        await Store.SubmitBatchAsync(Table, keys.Select(k => TableOperation.Replace(new TableEntity("rk", k))).ToList());
        var page = await Store.QueryAsync(Table, "rk", new TableQuery([
            new TableCondition("RowKey", ComparisonOp.GreaterThanOrEqual, "B"),
            new TableCondition("RowKey", ComparisonOp.LessThan, "b")]));
        Assert.Equal(["B", "_", "a"], page.Items.Select(e => e.RowKey));
    }

    [Fact]
    public async Task Query_InjectionLookingValues_AreStoredAndMatchedLiterally()
    {
        const string evil = "' or 1 eq 1";
        const string quoted = "x' or RowKey ne 'x";
        await Store.SubmitBatchAsync(Table,
        [
            TableOperation.Replace(new TableEntity("o'brien", "a") { ["Name"] = evil }),
            TableOperation.Replace(new TableEntity("o'brien", "b") { ["Name"] = quoted }),
            TableOperation.Replace(new TableEntity("o'brien", "c") { ["Name"] = "plain" }),
        ]);

        var one = await Store.QueryAsync(Table, "o'brien", new TableQuery([new TableCondition("Name", ComparisonOp.Equal, evil)]));
        Assert.Equal(["a"], one.Items.Select(e => e.RowKey));
        var two = await Store.QueryAsync(Table, "o'brien", new TableQuery([new TableCondition("Name", ComparisonOp.Equal, quoted)]));
        Assert.Equal(["b"], two.Items.Select(e => e.RowKey));
        var none = await Store.QueryAsync(Table, "o'brien", new TableQuery([new TableCondition("Name", ComparisonOp.Equal, "nobody' or 'a' eq 'a")]));
        Assert.Empty(none.Items);
        Assert.Equal(evil, (await Store.GetAsync(Table, "o'brien", "a"))!["Name"]);
        Assert.True(await Store.DeleteAsync(Table, "o'brien", "a"));
        Assert.Equal(2, (await Store.QueryAsync(Table, "o'brien")).Items.Count);
    }

    [Fact]
    public async Task Query_MissingProperty_NeverMatches()
    {
        await Store.UpsertAsync(Table, new TableEntity("m", "has") { ["V"] = 5L });
        await Store.UpsertAsync(Table, new TableEntity("m", "lacks") { ["W"] = 5L });
        var page = await Store.QueryAsync(Table, "m", new TableQuery([new TableCondition("V", ComparisonOp.GreaterThan, 1L)]));
        Assert.Equal(["has"], page.Items.Select(e => e.RowKey));
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
