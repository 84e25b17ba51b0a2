using Microsoft.Extensions.DependencyInjection.Extensions;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Extensions;

/// <summary>Storage wiring from the <c>Storage</c> configuration section (<see cref="StorageOptions"/>).</summary>
public static class StorageExtensions
{
    /// <summary>
    /// Registers the <see cref="StorageBackend"/> built by <see cref="StorageFactory.Create"/> (embedded file system +
    /// SQLite under <c>Storage:LocalRoot</c> when no connection string or endpoint is set; Azure otherwise, with Key
    /// Vault references in app settings resolved by the platform), its <see cref="ITableStore"/> and
    /// <see cref="IObjectStore"/>, and a hosted service that creates the serving tables at start-up.
    /// </summary>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.Configuration"/> when the settings are malformed (at first use).</exception>
    public static IHostApplicationBuilder AddObradorStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.TryAddSingleton(options);
        builder.Services.TryAddSingleton(sp => StorageFactory.Create(sp.GetRequiredService<StorageOptions>()));
        builder.Services.TryAddSingleton(sp => sp.GetRequiredService<StorageBackend>().Tables);
        builder.Services.TryAddSingleton(sp => sp.GetRequiredService<StorageBackend>().Objects);
        builder.Services.TryAddSingleton(sp => new StorageInfo(sp.GetRequiredService<StorageBackend>().Mode));
        builder.Services.AddHostedService<StorageInitializer>();
        return builder;
    }
}
