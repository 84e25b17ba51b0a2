using Microsoft.Extensions.DependencyInjection.Extensions;
using Obrador.Lake.Storage;
using Obrador.Pipeline;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Models;
using Obrador.Pipeline.Quality;
using Obrador.Pipeline.Orchestration;

namespace Obrador.Functions.Pipeline;

/// <summary>Registers the nightly pipeline: options, stage graph, queue dispatcher, local runner and the stage queue.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the pipeline services. Expects <see cref="IObjectStore"/> and <see cref="ITableStore"/> to be registered
    /// (the storage setup); registers <see cref="TimeProvider.System"/> when no clock is. Options bind from the
    /// <c>Pipeline</c> configuration section when an <see cref="IConfiguration"/> is registered, and are validated.
    /// </summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetService<IConfiguration>()?.GetSection("Pipeline").Get<PipelineOptions>() ?? new PipelineOptions();
            options.Validate();
            return options;
        });
        services.TryAddSingleton(sp => sp.GetService<IConfiguration>()?.GetSection("Pipeline:Etl").Get<EtlOptions>() ?? new EtlOptions());
        services.TryAddSingleton(sp => sp.GetService<IConfiguration>()?.GetSection("Pipeline:Quality").Get<QualityOptions>() ?? new QualityOptions());
        services.TryAddSingleton(sp => DefaultPipeline.Create(sp.GetRequiredService<EtlOptions>(), sp.GetRequiredService<QualityOptions>(), ModelStages.Create()));
        services.TryAddSingleton(sp => new QueueStageDispatcher(
            sp.GetRequiredService<PipelineGraph>(),
            sp.GetRequiredService<IObjectStore>(),
            sp.GetRequiredService<ITableStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<PipelineOptions>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Obrador.Pipeline")));
        services.TryAddSingleton<InProcessStageQueue>();
        services.TryAddSingleton<IStageQueue>(sp => sp.GetRequiredService<InProcessStageQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<InProcessStageQueue>());
        return services;
    }
}
