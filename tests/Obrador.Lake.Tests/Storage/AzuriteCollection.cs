using Obrador.Testing;

namespace Obrador.Lake.Tests.Storage;

/// <summary>One Azurite process shared by every test class in the collection.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
