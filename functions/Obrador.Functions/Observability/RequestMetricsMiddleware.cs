using System.Diagnostics;

namespace Obrador.Functions.Observability;

/// <summary>Records every request's route template, status and latency in <see cref="ObradorMetrics"/>.</summary>
internal sealed class RequestMetricsMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ObradorMetrics _metrics;

    public RequestMetricsMiddleware(RequestDelegate next, ObradorMetrics metrics)
    {
        _next = next;
        _metrics = metrics;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _next(context);
        }
        finally
        {
            // The template, never the raw path: ids in paths would make the series count unbounded.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var method = context.Request.Method;
            method = HttpMethods.IsGet(method) ? HttpMethods.Get : HttpMethods.IsPost(method) ? HttpMethods.Post
                : HttpMethods.IsPatch(method) ? HttpMethods.Patch : HttpMethods.IsPut(method) ? HttpMethods.Put
                : HttpMethods.IsDelete(method) ? HttpMethods.Delete : "OTHER";
            _metrics.RecordRequest(method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
