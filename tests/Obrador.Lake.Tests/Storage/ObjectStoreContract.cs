using Obrador.Lake.Storage;

namespace Obrador.Lake.Tests.Storage;

/// <summary>Behaviour every <see cref="IObjectStore"/> adapter must show; one concrete subclass per adapter.</summary>
public abstract class ObjectStoreContract
{
    /// <summary>A container no other test touches, so adapters sharing a service (Azurite) stay independent.</summary>
    protected string Container { get; } = "c" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>The store under test, fresh for each test instance.</summary>
    protected abstract IObjectStore Store { get; }

    protected static byte[] Bytes(int length, int seed)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }

    protected async Task<ObjectInfo> PutAsync(string name, byte[] data, WriteCondition condition = default) =>
        await Store.PutAsync($"{Container}/{name}", new MemoryStream(data), condition);

    protected async Task<byte[]?> ReadAsync(string name, ByteRange? range = null)
    {
        await using var content = await Store.GetAsync($"{Container}/{name}", range);
        if (content is null)
        {
            return null;
        }

        using var ms = new MemoryStream();
        await content.Content.CopyToAsync(ms);
        return ms.ToArray();
    }

    [Fact]
    public async Task Put_ThenGet_RoundTripsBytesAndMetadata()
    {
        var data = Bytes(300_000, 1);
        var info = await PutAsync("bronze/date=2026-11-21/part-0.parquet", data);

        await using var content = await Store.GetAsync($"{Container}/bronze/date=2026-11-21/part-0.parquet");
        Assert.NotNull(content);
        using var ms = new MemoryStream();
        await content.Content.CopyToAsync(ms);
        Assert.Equal(data, ms.ToArray());
        Assert.Equal($"{Container}/bronze/date=2026-11-21/part-0.parquet", info.Path);
        Assert.Equal(data.Length, info.Length);
        Assert.Equal(info.ETag, content.Info.ETag);
        Assert.Equal(data.Length, content.Info.Length);
        var head = await Store.GetInfoAsync(info.Path);
        Assert.Equal(info.ETag, head?.ETag);
    }

    [Fact]
    public async Task Put_EmptyObject_RoundTrips()
    {
        await PutAsync("empty", []);
        Assert.Equal(Array.Empty<byte>(), await ReadAsync("empty"));
        Assert.Equal(0, (await Store.GetInfoAsync($"{Container}/empty"))?.Length);
    }

    [Fact]
    public async Task Put_LargerThanOneBlock_RoundTrips()
    {
        var data = Bytes((9 << 20) + 12345, 2);
        var info = await PutAsync("big.bin", data);
        Assert.Equal(data.Length, info.Length);
        Assert.Equal(data, await ReadAsync("big.bin"));
    }

    [Fact]
    public async Task Put_Overwrite_ReplacesContentAndChangesETag()
    {
        var first = await PutAsync("x", Bytes(100, 1));
        var second = await PutAsync("x", Bytes(100, 2));
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(Bytes(100, 2), await ReadAsync("x"));
    }

    [Fact]
    public async Task PutIfAbsent_WhenExists_ThrowsPreconditionFailedAndKeepsContent()
    {
        await PutAsync("once", Bytes(10, 1), WriteCondition.IfAbsent);
        var e = await Assert.ThrowsAsync<StorageException>(() => PutAsync("once", Bytes(10, 2), WriteCondition.IfAbsent));
        Assert.Equal(StorageErrorKind.PreconditionFailed, e.Kind);
        Assert.Contains("once", e.Resource, StringComparison.Ordinal);
        Assert.Equal(Bytes(10, 1), await ReadAsync("once"));
    }

    [Fact]
    public async Task PutIfMatch_CurrentETag_Succeeds_StaleETag_ThrowsPreconditionFailed()
    {
        var v1 = await PutAsync("doc", Bytes(10, 1));
        var v2 = await PutAsync("doc", Bytes(10, 2), WriteCondition.IfETag(v1.ETag));
        var e = await Assert.ThrowsAsync<StorageException>(() => PutAsync("doc", Bytes(10, 3), WriteCondition.IfETag(v1.ETag)));
        Assert.Equal(StorageErrorKind.PreconditionFailed, e.Kind);
        Assert.Equal(Bytes(10, 2), await ReadAsync("doc"));
        Assert.Equal(v2.ETag, (await Store.GetInfoAsync($"{Container}/doc"))?.ETag);
    }

    [Fact]
    public async Task PutIfMatch_MissingObject_ThrowsPreconditionFailed()
    {
        await PutAsync("other", Bytes(1, 1));
        var e = await Assert.ThrowsAsync<StorageException>(() => PutAsync("never-written", Bytes(10, 1), WriteCondition.IfETag("\"0x1\"")));
        Assert.Equal(StorageErrorKind.PreconditionFailed, e.Kind);
        Assert.Null(await ReadAsync("never-written"));
    }

    [Fact]
    public async Task Get_Missing_ReturnsNull()
    {
        Assert.Null(await ReadAsync("nope"));
        Assert.Null(await Store.GetInfoAsync($"{Container}/nope"));
        await PutAsync("present", Bytes(1, 1));
        Assert.Null(await ReadAsync("nope"));
    }

    [Theory]
    [InlineData(0, 10L)]
    [InlineData(5, 20L)]
    [InlineData(990, 100L)]
    [InlineData(300, null)]
    [InlineData(999, 1L)]
    public async Task Get_Range_ReturnsClampedSlice(long offset, long? length)
    {
        var data = Bytes(1000, 3);
        await PutAsync("ranged", data);
        var slice = await ReadAsync("ranged", new ByteRange(offset, length));
        var end = (int)Math.Min(data.Length, offset + (length ?? data.Length));
        Assert.Equal(data[(int)offset..end], slice);
    }

    [Fact]
    public async Task List_ManyPages_ReturnsEveryObjectOnceInOrdinalOrder()
    {
        var names = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            names.Add($"silver/sales/date=2026-11-{i % 5 + 10}/part-{i:D3}.parquet");
        }

        names.AddRange(["silver/sales/Zed", "silver/sales/a-b", "silver/sales/a/b", "silver/sales/a_b", "silver/salesX"]);
        foreach (var n in names)
        {
            await PutAsync(n, Bytes(3, n.Length));
        }

        await PutAsync("gold/other", Bytes(3, 1));

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.ListAsync($"{Container}/silver/sales/", token, pageSize: 6);
            Assert.True(page.Items.Count <= 6);
            seen.AddRange(page.Items.Select(i => i.Path));
            Assert.All(page.Items, i => Assert.Equal(3, i.Length));
            foreach (var item in page.Items.Take(1))
            {
                // Listings report the same version tag as a metadata read.
                Assert.Equal((await Store.GetInfoAsync(item.Path))?.ETag, item.ETag);
            }

            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        var expected = names.Where(n => n.StartsWith("silver/sales/", StringComparison.Ordinal))
            .Select(n => $"{Container}/{n}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, seen);
        Assert.True(pages >= 5);
    }

    [Fact]
    public async Task List_PartialNamePrefix_MatchesAcrossFolders()
    {
        await PutAsync("bronze/events/a.parquet", Bytes(1, 1));
        await PutAsync("bronze/eventsx/b.parquet", Bytes(1, 1));
        await PutAsync("bronze/other/c.parquet", Bytes(1, 1));
        var page = await Store.ListAsync($"{Container}/bronze/ev");
        Assert.Equal([$"{Container}/bronze/events/a.parquet", $"{Container}/bronze/eventsx/b.parquet"], page.Items.Select(i => i.Path));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task List_MissingContainer_ReturnsEmptyPage()
    {
        var page = await Store.ListAsync($"{Container}/anything/");
        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task Delete_Existing_ReturnsTrueThenFalse()
    {
        await PutAsync("gone", Bytes(5, 1));
        Assert.True(await Store.DeleteAsync($"{Container}/gone"));
        Assert.False(await Store.DeleteAsync($"{Container}/gone"));
        Assert.Null(await ReadAsync("gone"));
        Assert.Empty((await Store.ListAsync($"{Container}/")).Items);
    }

    [Fact]
    public async Task PutIfAbsent_ParallelWriters_ExactlyOneWins()
    {
        await PutAsync("warmup", Bytes(1, 1));
        const int writers = 12;
        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(async i =>
        {
            try
            {
                await Task.Yield();
                await PutAsync("lease", Bytes(2000, i), WriteCondition.IfAbsent);
                return i;
            }
            catch (StorageException e) when (e.Kind == StorageErrorKind.PreconditionFailed)
            {
                return -1;
            }
        }));

        var winners = results.Where(r => r >= 0).ToList();
        Assert.Single(winners);
        Assert.Equal(Bytes(2000, winners[0]), await ReadAsync("lease"));
    }

    [Fact]
    public async Task PutIfMatch_ParallelWritersWithSameETag_ExactlyOneWins()
    {
        var v1 = await PutAsync("counter", Bytes(10, 100));
        const int writers = 12;
        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(async i =>
        {
            try
            {
                await Task.Yield();
                await PutAsync("counter", Bytes(10, i), WriteCondition.IfETag(v1.ETag));
                return i;
            }
            catch (StorageException e) when (e.Kind == StorageErrorKind.PreconditionFailed)
            {
                return -1;
            }
        }));

        var winners = results.Where(r => r >= 0).ToList();
        Assert.Single(winners);
        Assert.Equal(Bytes(10, winners[0]), await ReadAsync("counter"));
    }

    [Theory]
    [InlineData("nocontainer")]
    [InlineData("container-only/")]
    [InlineData("/leading")]
    [InlineData("Upper/name")]
    [InlineData("okay/a//b")]
    [InlineData("okay/../escape")]
    [InlineData("okay/./x")]
    [InlineData("okay/back\\slash")]
    [InlineData("ab/x")]
    public async Task Put_InvalidPath_ThrowsArgumentException(string path)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(path, new MemoryStream([1])));
    }
}
