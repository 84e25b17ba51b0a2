using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Lake.Tests.Storage;

public sealed class StorageFactoryTests : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDirectory("obrador-factory");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Create_NoConnectionString_UsesEmbeddedStoresUnderLocalRoot()
    {
        using var backend = StorageFactory.Create(new StorageOptions { LocalRoot = _root });
        Assert.Equal(StorageBackend.Embedded, backend.Mode);
        await backend.Objects.CheckAsync();
        await backend.Tables.CheckAsync();
        await backend.Objects.PutAsync("bronze/x", new MemoryStream([1]));
        await backend.Tables.UpsertAsync("Runs", new TableEntity("run", "1"));
        Assert.True(File.Exists(Path.Combine(_root, "blobs", "bronze", "x")));
        Assert.True(File.Exists(Path.Combine(_root, "tables.db")));
        Assert.Contains(_root, backend.Objects.Describe, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OnlyOneEndpoint_ThrowsConfiguration()
    {
        var e = Assert.Throws<StorageException>(() => StorageFactory.Create(new StorageOptions { BlobEndpoint = new Uri("https://acct.blob.core.windows.net") }));
        Assert.Equal(StorageErrorKind.Configuration, e.Kind);
        Assert.Contains("TableEndpoint", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadRetryCount_NamesTheSetting()
    {
        var e = Assert.Throws<StorageException>(() => new StorageOptions { MaxRetries = 50 }.Validate());
        Assert.Equal("Storage:MaxRetries", e.Resource);
    }
}
