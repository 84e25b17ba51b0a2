using Microsoft.Extensions.Configuration;
using Obrador.Functions.Observability;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Observability;

public sealed class ObradorMetricsTests
{
    [Fact]
    public void Histogram_RendersCumulativeBucketsSumAndCount()
    {
        using var factory = new TestMeterFactory();
        var metrics = new ObradorMetrics(factory);

        metrics.RecordRequest("GET", "/api/x", 200, 0.0004);
        metrics.RecordRequest("GET", "/api/x", 200, 0.003);
        metrics.RecordRequest("GET", "/api/x", 200, 20);
        var text = metrics.ToPrometheusText();

        const string labels = "method=\"GET\",route=\"/api/x\",status=\"200\"";
        Assert.Contains($"obrador_http_request_duration_seconds_bucket{{{labels},le=\"0.0005\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"obrador_http_request_duration_seconds_bucket{{{labels},le=\"0.005\"}} 2\n", text, StringComparison.Ordinal);
        Assert.Contains($"obrador_http_request_duration_seconds_bucket{{{labels},le=\"10\"}} 2\n", text, StringComparison.Ordinal);
        Assert.Contains($"obrador_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} 3\n", text, StringComparison.Ordinal);
        Assert.Contains($"obrador_http_request_duration_seconds_count{{{labels}}} 3\n", text, StringComparison.Ordinal);
        Assert.Contains($"obrador_http_request_duration_seconds_sum{{{labels}}} 20.0034\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE obrador_http_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains($"obrador_http_requests_total{{{labels}}} 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_EscapeQuotesBackslashesAndNewlines()
    {
        using var factory = new TestMeterFactory();
        var metrics = new ObradorMetrics(factory);

        metrics.AddQualityFailures("a\"b\\c\nd", 1);

        Assert.Contains("obrador_quality_failures_total{check=\"a\\\"b\\\\c\\nd\"} 1\n", metrics.ToPrometheusText(), StringComparison.Ordinal);
    }

    [Fact]
    public void CacheHitRatio_CountsHitsOverLookups()
    {
        using var factory = new TestMeterFactory();
        var metrics = new ObradorMetrics(factory);
        Assert.Equal(0, metrics.CacheHitRatio);

        metrics.RecordCacheLookup(hit: true);
        metrics.RecordCacheLookup(hit: true);
        metrics.RecordCacheLookup(hit: true);
        metrics.RecordCacheLookup(hit: false);

        Assert.Equal(0.75, metrics.CacheHitRatio);
        Assert.Contains("obrador_cache_hit_ratio 0.75\n", metrics.ToPrometheusText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenTelemetry_StartsOnlyWithAnOtlpEndpoint()
    {
        var off = new OpenTelemetryService(new ConfigurationBuilder().Build());
        var on = new OpenTelemetryService(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
        }).Build());

        await off.StartAsync(CancellationToken.None);
        await on.StartAsync(CancellationToken.None);

        Assert.False(off.Enabled);
        Assert.True(on.Enabled);
        on.Dispose();
        off.Dispose();
    }
}
