using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Obrador.Ingestion.Bronze;
using Obrador.Functions.Ingestion;
using Obrador.Functions.Pipeline;
using Obrador.Functions.Security;

namespace Obrador.Functions.Extensions;

/// <summary>
/// The write side of the app — ingestion doors and the pipeline's trigger endpoints — with one table deciding which
/// authorisation policy guards which route.
/// </summary>
public static class WorkloadExtensions
{
    /// <summary>
    /// Policy of the Functions host's trigger calls (<c>POST /{FunctionName}</c>). As a custom handler the app listens
    /// on a loopback port only the host can reach, so the host is trusted there; standalone, a <c>service</c> or
    /// <c>admin</c> key is required.
    /// </summary>
    public const string TriggerPolicy = "trigger";

    /// <summary>Registers ingestion and pipeline services and the <see cref="TriggerPolicy"/>.</summary>
    public static WebApplicationBuilder AddObradorWorkloads(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var customHandler = !string.IsNullOrEmpty(builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]);
        // Bronze, silver and gold are Parquet.
        builder.Services.TryAddSingleton<IRecordFileFormat>(ParquetRecordFormat.Instance);
        builder.Services.AddIngestion();
        builder.Services.Configure<IngestionApiOptions>(builder.Configuration.GetSection("Ingestion"));
        builder.Services.AddHostedService<CounterFoldService>();
        builder.Services.AddPipeline();
        builder.Services.AddAuthorizationBuilder().AddPolicy(TriggerPolicy, p => p.RequireAssertion(ctx =>
            customHandler || ctx.User.IsInRole(ObradorRoles.Service) || ctx.User.IsInRole(ObradorRoles.Admin)));
        return builder;
    }

    /// <summary>Maps the ingestion and pipeline routes, each guarded by <see cref="PolicyFor"/>; trigger routes are not rate limited.</summary>
    public static IEndpointRouteBuilder MapObradorWorkloads(this IEndpointRouteBuilder app)
    {
        var ingestion = app.ServiceProvider.GetService<Microsoft.Extensions.Options.IOptions<IngestionApiOptions>>()?.Value ?? new IngestionApiOptions();
        var group = app.MapGroup(string.Empty);
        group.MapIngestionApi();
        group.MapPipelineApi();
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            var route = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? string.Empty;
            var policy = PolicyFor(route);
            endpoint.Metadata.Add(new AuthorizeAttribute(policy));
            if (policy == TriggerPolicy)
            {
                // The Functions host paces trigger invocations itself (one batch per partition, its own retries); a
                // 429 would only make it retry the same batch, and in custom-handler mode every invocation comes
                // from loopback, i.e. one shared per-IP bucket.
                endpoint.Metadata.Add(new Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute());
            }

            if (BodyLimitFor(route, ingestion) is { } limit)
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(limit));
            }
        });
        return app;
    }

    /// <summary>
    /// Body size allowed on a write route, above the app-wide default for reads: event batches from the host and the
    /// collector, and analysts' uploads (<see cref="IngestionApiOptions"/> enforces the exact limits inside).
    /// </summary>
    public static long? BodyLimitFor(string route, IngestionApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(options);
        return route switch
        {
            // Only the host calls it, and refusing its batch would stall the partition (its retries are unlimited):
            // any batch a byte array can hold is taken. 1,000 events of Event Hubs' 1 MB maximum fit.
            "/IngestEvents" => Array.MaxLength,
            "/api/events" => options.MaxEventsBodyBytes,
            "/api/uploads" => options.MaxUploadBytes,
            _ => null,
        };
    }

    /// <summary>The policy guarding an ingestion or pipeline route; routes not listed get <see cref="ObradorPolicies.Admin"/> (fail closed).</summary>
    public static string PolicyFor(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route switch
        {
            "/IngestEvents" or "/IngestBillingExport" or "/FoldCounters" or "/NightlyRun" or "/RunStage" => TriggerPolicy,
            "/api/events" => ObradorPolicies.Ingest,
            "/api/counters/trending" => ObradorPolicies.Read,

            // Store-scoped as the forecasts: a store manager sees the stock of its own stores only.
            "/api/counters/inventory/{storeId}" => ObradorPolicies.Forecast,
            _ when route.StartsWith("/api/uploads", StringComparison.Ordinal) => ObradorPolicies.Upload,
            _ => ObradorPolicies.Admin,
        };
    }
}
