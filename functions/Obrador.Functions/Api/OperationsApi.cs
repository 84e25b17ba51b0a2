using Microsoft.AspNetCore.Http.HttpResults;
using Obrador.Functions.Api.Contracts;
using Obrador.Functions.Observability;
using Obrador.Functions.Security;
using Obrador.Functions.Serving;

namespace Obrador.Functions.Api;

/// <summary>Operational routes: health (anonymous), ping (anonymous benchmark ceiling), metrics and the OpenAPI document.</summary>
public static class OperationsApi
{
    private static readonly byte[] Pong = "{\"status\":\"ok\"}"u8.ToArray();

    /// <summary>Maps <c>/api/health</c>, <c>/api/ping</c>, <c>/api/metrics</c> (policy <c>analytics</c>) and <c>/api/openapi.json</c> (policy <c>read</c>).</summary>
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Operations").WithApiBodyLimit(app);
        api.MapGet("/health", GetHealth).AllowAnonymous().WithName("GetHealth").WithSummary("Liveness, store readiness, serving version and data freshness.");
        api.MapGet("/ping", GetPing).AllowAnonymous().WithName("Ping").WithSummary("Constant answer; the ceiling for load benchmarks.");
        api.MapGet("/metrics", GetMetrics).RequireAuthorization(ObradorPolicies.Analytics).WithName("GetMetrics").WithSummary("Prometheus text exposition.");
        api.MapGet("/openapi.json", GetOpenApi).RequireAuthorization(ObradorPolicies.Read).WithName("GetOpenApi").WithSummary("This API's OpenAPI 3.1 document.");
        return app;
    }

    internal static async Task<JsonHttpResult<HealthReport>> GetHealth(HealthService health, HttpContext http, CancellationToken cancellationToken)
    {
        var report = await health.GetAsync(cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(report, ServingJson.Options, statusCode: report.Status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    internal static IResult GetPing() => TypedResults.Bytes(Pong, "application/json");

    internal static ContentHttpResult GetMetrics(ObradorMetrics metrics) =>
        TypedResults.Text(metrics.ToPrometheusText(), "text/plain; version=0.0.4; charset=utf-8");

    internal static ContentHttpResult GetOpenApi(OpenApiDocumentWriter writer) =>
        TypedResults.Text(writer.Json, "application/json; charset=utf-8");
}
