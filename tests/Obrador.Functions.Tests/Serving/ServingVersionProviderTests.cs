using Obrador.Functions.Observability;
using Obrador.Functions.Serving;
using Obrador.Functions.Tests.Infrastructure;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Serving;

public sealed class ServingVersionProviderTests : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDirectory("obrador-pointer");
    private readonly StorageBackend _backend;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
    private readonly ServingCache _cache;
    private readonly ServingVersionProvider _versions;
    private readonly CountingTableStore _tables;

    public ServingVersionProviderTests()
    {
        _backend = StorageFactory.Create(new StorageOptions { LocalRoot = _root });
        var options = new ServingOptions();
        _cache = new ServingCache(options, new ObradorMetrics(new TestMeterFactory()));
        _tables = new CountingTableStore(_backend.Tables);
        _versions = new ServingVersionProvider(_tables, _cache, options, _time);
    }

    [Fact]
    public async Task Get_NothingPublished_IsNone()
    {
        await _backend.Tables.CreateTableIfNotExistsAsync(ServingTables.ServingVersion);

        var pointer = await _versions.GetAsync();

        Assert.Null(pointer.Version);
        Assert.Equal("none", pointer.Label);
    }

    [Fact]
    public async Task Get_WithinTtl_KeepsVersion_AfterTtl_SeesPublishAndDropsCache()
    {
        await SetPointerAsync("v1", null);
        Assert.Equal("v1", (await _versions.GetAsync()).Version);
        _cache.Set("r\nv1\nkey", new object(), 10);

        await SetPointerAsync("v2", "v1");
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("v1", (await _versions.GetAsync()).Version);
        Assert.Equal(1, _cache.Count);

        _time.Advance(TimeSpan.FromSeconds(2));
        var pointer = await _versions.GetAsync();
        Assert.Equal("v2", pointer.Version);
        Assert.Equal("v1", pointer.Previous);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task Get_StorageDownAfterTtl_KeepsServingTheLastVersion()
    {
        await SetPointerAsync("v1", null);
        Assert.Equal("v1", (await _versions.GetAsync()).Version);

        _tables.Unreachable = true;
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("v1", (await _versions.GetAsync()).Version);
        await Assert.ThrowsAsync<StorageException>(() => _versions.ReloadAsync());
    }

    [Fact]
    public async Task Rollback_WithoutPrevious_ReturnsNull_AndLeavesPointer()
    {
        await SetPointerAsync("v1", null);

        Assert.Null(await _versions.RollbackAsync());
        Assert.Equal("v1", (await _backend.Tables.GetAsync(ServingTables.ServingVersion, "serving", "current"))!.GetString("Version"));
    }

    [Fact]
    public async Task Rollback_Twice_SwapsBackAndForth()
    {
        await SetPointerAsync("v2", "v1");

        var first = await _versions.RollbackAsync();
        var second = await _versions.RollbackAsync();

        Assert.Equal(("v1", "v2"), (first!.Version, first.Previous));
        Assert.Equal(("v2", "v1"), (second!.Version, second.Previous));
    }

    public void Dispose()
    {
        _cache.Dispose();
        _backend.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private async Task SetPointerAsync(string version, string? previous)
    {
        await _backend.Tables.CreateTableIfNotExistsAsync(ServingTables.ServingVersion);
        await _backend.Tables.UpsertAsync(ServingTables.ServingVersion, new TableEntity("serving", "current")
        {
            ["Version"] = version,
            ["Previous"] = previous,
            ["PublishedAt"] = _time.GetUtcNow(),
        }, UpsertMode.Replace);
    }
}
