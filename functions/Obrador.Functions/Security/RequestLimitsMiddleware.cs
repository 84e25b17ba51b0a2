using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Obrador.Functions.Security;

/// <summary>
/// Enforces the body size limit of the matched endpoint (<see cref="IRequestSizeLimitMetadata"/>, else
/// <see cref="LimitsOptions.MaxRequestBodyBytes"/>): a declared <c>Content-Length</c> over it is answered 413 (ProblemDetails, <c>field</c> <c>body</c>) before
/// anything reads the body, and the server's own limit is lowered so chunked bodies stop at the same size.
/// </summary>
internal sealed class RequestLimitsMiddleware
{
    private readonly RequestDelegate _next;
    private readonly LimitsOptions _limits;

    public RequestLimitsMiddleware(RequestDelegate next, LimitsOptions limits)
    {
        _next = next;
        _limits = limits;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? _limits.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"The body may be at most {limit} bytes.",
                extensions: new Dictionary<string, object?> { ["field"] = "body" }).ExecuteAsync(context);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return _next(context);
    }
}
