using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Obrador.Functions.Deploy;
using Obrador.Functions.Observability;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Api;

[Collection(ServingCollection.Name)]
public sealed class OperationsApiTests
{
    private readonly ServingApp _app;

    public OperationsApiTests(ServingApp app) => _app = app;

    [Fact]
    public async Task Metrics_AfterRequests_ExposesRouteHistogramsCacheRatioAndStageCounters()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);
        await client.GetAsync("/api/trending?window=1d");
        await client.GetAsync("/api/trending?window=1d");
        await client.GetAsync("/api/trending?window=bad");
        var metrics = _app.Services.GetRequiredService<ObradorMetrics>();
        metrics.RecordStageDuration("etl.silver", "succeeded", TimeSpan.FromSeconds(42));
        metrics.AddQualityFailures("null_rate", 3);
        metrics.AddAnomalies("critical", 2);

        var response = await client.GetAsync("/api/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("obrador_http_requests_total{method=\"GET\",route=\"/api/trending\",status=\"400\"}", text, StringComparison.Ordinal);
        Assert.Contains("obrador_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/trending\",status=\"200\",le=\"+Inf\"}", text, StringComparison.Ordinal);
        Assert.Contains("obrador_cache_hit_ratio ", text, StringComparison.Ordinal);
        Assert.Contains("obrador_pipeline_stage_duration_seconds_sum{stage=\"etl.silver\",outcome=\"succeeded\"} 42", text, StringComparison.Ordinal);
        Assert.Contains("obrador_quality_failures_total{check=\"null_rate\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("obrador_anomalies_raised_total{severity=\"critical\"} 2", text, StringComparison.Ordinal);
        Assert.True(metrics.CacheHitRatio > 0);
    }

    [Fact]
    public async Task Metrics_Anonymous_IsRejected()
    {
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/openapi.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/no-such-route")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_ListsEveryMappedRouteWithParameters()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json"));
        var paths = doc.RootElement.GetProperty("paths");
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        Assert.Equal("3.1.0", doc.RootElement.GetProperty("openapi").GetString());
        foreach (var endpoint in endpoints)
        {
            // The document writes templates without a trailing slash (a group "/api/uploads" + "/" is "/api/uploads").
            var path = endpoint.RoutePattern.RawText!.Length > 1 ? endpoint.RoutePattern.RawText.TrimEnd('/') : endpoint.RoutePattern.RawText;
            Assert.True(paths.TryGetProperty(path, out _), $"{endpoint.RoutePattern.RawText} missing from the document");
        }

        var forecasts = paths.GetProperty("/api/forecasts/{storeId}").GetProperty("get");
        var names = forecasts.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["storeId", "product", "horizon", "from", "to"], names);
        Assert.Equal(0, paths.GetProperty("/api/health").GetProperty("get").GetProperty("security").GetArrayLength());
        Assert.True(paths.GetProperty("/api/costs/anomalies/{id}").GetProperty("patch").TryGetProperty("requestBody", out _));
        var recommendations = paths.GetProperty("/api/recommendations/{userId}").GetProperty("get").GetProperty("parameters");
        Assert.Contains(recommendations.EnumerateArray(), p => p.GetProperty("name").GetString() == "basket");
    }

    [Fact]
    public void FunctionCatalog_EveryServingHttpFunction_HasARoute()
    {
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText).ToHashSet(StringComparer.Ordinal);
        string[] others = ["/api/events", "/api/uploads", "/api/uploads/template", "/api/uploads/{id}", "/api/uploads/{id}/errors.csv", "/api/admin/runs/{id}/resume"];

        var missing = FunctionCatalog.All.Where(f => f.IsHttp && !others.Contains(f.AppRoute) && !routes.Contains(f.AppRoute)).Select(f => f.AppRoute).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task UnknownRoute_WithKey_Returns404Problem()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);
        var response = await client.GetAsync("/api/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
