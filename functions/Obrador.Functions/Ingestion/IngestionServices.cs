using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Obrador.Ingestion.Billing;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Uploads;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Etl;

namespace Obrador.Functions.Ingestion;

/// <summary>Service registration of the ingestion doors.</summary>
public static class IngestionServices
{
    /// <summary>
    /// Registers the event contract, the ingestor, the streaming counters and their folder, and the billing and upload services.
    /// Requires <see cref="IObjectStore"/> and <see cref="ITableStore"/> to be registered by the host (the storage
    /// setup); bronze files are Parquet (<see cref="ParquetRecordFormat"/>) unless another <see cref="IRecordFileFormat"/> is registered first; adds <see cref="TimeProvider.System"/> when no clock is registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IngestionApiOptions>().Validate(o => o.Validate() is not null);
        services.TryAddSingleton(new EventValidationOptions());
        services.TryAddSingleton(sp => new EventParser(sp.GetRequiredService<EventValidationOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IRecordFileFormat>(ParquetRecordFormat.Instance);
        services.TryAddSingleton(sp => new BronzeWriter(sp.GetRequiredService<IObjectStore>(), sp.GetRequiredService<IRecordFileFormat>()));
        services.TryAddSingleton<IEventHook>(sp => new StreamingCounters(sp.GetRequiredService<ITableStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new CounterFolder(sp.GetRequiredService<ITableStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new CounterReader(sp.GetRequiredService<ITableStore>()));
        services.TryAddSingleton(sp => new EventIngestor(
            sp.GetRequiredService<BronzeWriter>(), sp.GetRequiredService<EventParser>(),
            sp.GetRequiredService<IOptions<IngestionApiOptions>>().Value.StreamingCounters ? sp.GetService<IEventHook>() : null,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<EventIngestor>>()));
        services.TryAddSingleton(new BillingExportOptions());
        services.TryAddSingleton<CostSpikeCheck>();
        services.TryAddSingleton(sp => new BillingExportIngestor(
            sp.GetRequiredService<BronzeWriter>(), sp.GetRequiredService<ITableStore>(), sp.GetRequiredService<BillingExportOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BillingExportIngestor>>()));
        services.TryAddSingleton(new UploadOptions());
        services.TryAddSingleton(sp => new UploadProcessor(
            sp.GetRequiredService<BronzeWriter>(), sp.GetRequiredService<ITableStore>(), sp.GetRequiredService<UploadOptions>(),
            sp.GetRequiredService<TimeProvider>(), Guid.NewGuid, sp.GetRequiredService<ILogger<UploadProcessor>>(),
            new IdNormalizer(sp.GetService<EtlOptions>()?.IdMappings ?? new Dictionary<string, string>())));
        return services;
    }
}
