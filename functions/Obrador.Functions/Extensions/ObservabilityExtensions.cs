using Obrador.Functions.Observability;

namespace Obrador.Functions.Extensions;

/// <summary>Logs, metrics and traces.</summary>
public static class ObservabilityExtensions
{
    /// <summary>
    /// Structured JSON console logs with the trace and span id of the request (log scopes), the
    /// <see cref="ObradorMetrics"/> singleton, and OpenTelemetry export over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddObradorObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ObradorMetrics>();
        builder.Services.AddSingleton<OpenTelemetryService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OpenTelemetryService>());
        return builder;
    }
}
