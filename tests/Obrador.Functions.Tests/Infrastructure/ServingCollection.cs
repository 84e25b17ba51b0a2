namespace Obrador.Functions.Tests.Infrastructure;

/// <summary>Read-only test classes share one seeded app; classes that change data take their own <see cref="ServingApp"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ServingCollection : ICollectionFixture<ServingApp>
{
    public const string Name = "serving (read-only)";
}
