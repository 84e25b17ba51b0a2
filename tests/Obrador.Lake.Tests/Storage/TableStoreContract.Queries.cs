using Obrador.Lake.Storage;

namespace Obrador.Lake.Tests.Storage;

/// <summary>Query behaviour: paging, typed filters on every type and operator, projection, literal matching of hostile values.</summary>
public abstract partial class TableStoreContract
{
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
}
