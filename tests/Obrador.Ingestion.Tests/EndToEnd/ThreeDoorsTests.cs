using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.EndToEnd;

public sealed class EmbeddedThreeDoorsTests
{
    [Fact]
    public async Task ThreeDoors_EmbeddedDefault_EndToEnd()
    {
        var root = RepoPaths.NewTempDirectory("obrador-ingest-e2e");
        try
        {
            using var backend = StorageFactory.Create(new StorageOptions { LocalRoot = root });
            Assert.Equal(StorageBackend.Embedded, backend.Mode);
            await ThreeDoorsScenario.RunAsync(backend);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteThreeDoorsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ThreeDoors_Azurite_EndToEnd()
    {
        using var backend = StorageFactory.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });
        Assert.Equal(StorageBackend.AzureSharedKey, backend.Mode);
        await ThreeDoorsScenario.RunAsync(backend);
    }
}
