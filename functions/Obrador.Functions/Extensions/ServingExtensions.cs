using Microsoft.Extensions.DependencyInjection.Extensions;
using Obrador.Functions.Api;
using Obrador.Functions.Serving;

namespace Obrador.Functions.Extensions;

/// <summary>The read path: serving options, cache, version pointer, reader, health and the OpenAPI document.</summary>
public static class ServingExtensions
{
    /// <summary>Registers the serving services (section <c>Serving</c>, see <see cref="ServingOptions"/>).</summary>
    public static IHostApplicationBuilder AddObradorServing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.Bind<ServingOptions>("Serving");
        options.Validate();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ServingCache>();
        builder.Services.AddSingleton<ServingVersionProvider>();
        builder.Services.AddSingleton<ServingReader>();
        builder.Services.AddSingleton<HealthService>();
        builder.Services.AddSingleton<OpenApiDocumentWriter>();
        return builder;
    }
}
