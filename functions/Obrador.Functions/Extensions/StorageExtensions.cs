using Microsoft.Extensions.DependencyInjection.Extensions;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Extensions;

/// <summary>Storage wiring from the <c>Storage</c> configuration section.</summary>
public static class StorageExtensions
{
    /// <summary>
    /// Registers <see cref="ITableStore"/> and <see cref="IObjectStore"/> singletons for the configured storage and a
    /// hosted service that creates the serving tables at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddObradorStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection("Storage");
        var azure = !string.IsNullOrEmpty(section["ConnectionString"]) || !string.IsNullOrEmpty(section["TableEndpoint"]) || !string.IsNullOrEmpty(section["BlobEndpoint"]);
        builder.Services.TryAddSingleton(new StorageInfo(azure ? "azure" : "embedded"));
        builder.Services.TryAddSingleton<ITableStore>(_ => throw new InvalidOperationException("No table store adapter is available in this build."));
        builder.Services.TryAddSingleton<IObjectStore>(_ => throw new InvalidOperationException("No object store adapter is available in this build."));
        builder.Services.AddHostedService<StorageInitializer>();
        return builder;
    }
}
