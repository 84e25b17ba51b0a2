using Obrador.Functions.Api;
using Obrador.Functions.Observability;
using Obrador.Functions.Security;

namespace Obrador.Functions.Extensions;

/// <summary>The whole app in two calls: <c>builder.AddObrador()</c> and <c>app.UseObrador()</c>.</summary>
public static class ObradorApplicationExtensions
{
    /// <summary>Hosting, observability, storage, security and serving registrations.</summary>
    public static WebApplicationBuilder AddObrador(this WebApplicationBuilder builder)
    {
        builder.AddObradorHosting();
        builder.AddObradorObservability();
        builder.AddObradorStorage();
        builder.AddObradorSecurity();
        builder.AddObradorServing();
        builder.AddObradorWorkloads();
        return builder;
    }

    /// <summary>
    /// The middleware pipeline (metrics → problem details → timeouts → authentication → rate limit → authorization →
    /// body limits) and every route group.
    /// </summary>
    public static WebApplication UseObrador(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRequestTimeouts();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.MapObradorApi();
        app.MapObradorWorkloads();
        return app;
    }

    /// <summary>Maps every read and operations route group.</summary>
    public static IEndpointRouteBuilder MapObradorApi(this IEndpointRouteBuilder app)
    {
        app.MapOperationsApi();
        app.MapRecommendationsApi();
        app.MapForecastsApi();
        app.MapCostsApi();
        app.MapLedgerApi();
        app.MapAdminApi();
        return app;
    }
}
