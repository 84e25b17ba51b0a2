using Obrador.Testing;

namespace Obrador.Ingestion.Tests.EndToEnd;

/// <summary>One Azurite process for the ingestion end-to-end tests.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "IngestionAzurite";
}
