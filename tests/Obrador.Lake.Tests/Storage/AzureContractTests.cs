using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Lake.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobObjectStoreContractTests : ObjectStoreContract, IDisposable
{
    private readonly StorageBackend _backend;

    public AzureBlobObjectStoreContractTests(AzuriteFixture azurite) =>
        _backend = StorageFactory.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });

    protected override IObjectStore Store => _backend.Objects;

    public void Dispose() => _backend.Dispose();
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureTableStoreContractTests : TableStoreContract, IDisposable
{
    private readonly StorageBackend _backend;

    public AzureTableStoreContractTests(AzuriteFixture azurite) =>
        _backend = StorageFactory.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });

    protected override ITableStore Store => _backend.Tables;

    public void Dispose() => _backend.Dispose();
}
