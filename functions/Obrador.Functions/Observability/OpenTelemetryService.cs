using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Obrador.Functions.Observability;

/// <summary>
/// Starts OpenTelemetry tracing and metrics with the OTLP exporter when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (the exporter reads the standard <c>OTEL_EXPORTER_OTLP_*</c> variables itself), and stops them on shutdown.
/// </summary>
internal sealed class OpenTelemetryService : IHostedService, IDisposable
{
    /// <summary>Sources traced: ASP.NET Core's request activities and the serving read path.</summary>
    public static readonly string[] Sources = ["Microsoft.AspNetCore", "Obrador.Serving"];

    /// <summary>Meters exported: Obrador's own and ASP.NET Core's.</summary>
    public static readonly string[] Meters = [ObradorMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting"];

    private readonly IConfiguration _configuration;
    private TracerProvider? _tracer;
    private MeterProvider? _meter;

    public OpenTelemetryService(IConfiguration configuration) => _configuration = configuration;

    /// <summary>True once the exporters run.</summary>
    public bool Enabled => _tracer is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return Task.CompletedTask;
        }

        var version = typeof(OpenTelemetryService).Assembly.GetName().Version?.ToString();
        var resource = ResourceBuilder.CreateDefault().AddService(_configuration["OTEL_SERVICE_NAME"] ?? "obrador", serviceVersion: version);
        _tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(Sources).AddOtlpExporter().Build();
        _meter = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(Meters).AddOtlpExporter().Build();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _tracer?.ForceFlush(2000);
        _meter?.ForceFlush(2000);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
    }
}
