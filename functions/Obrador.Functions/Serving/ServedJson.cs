using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Obrador.Functions.Serving;

/// <summary>
/// A cached JSON answer: <c>200</c> with <c>ETag</c> and <c>Cache-Control: private, max-age=…</c>, or <c>304 Not
/// Modified</c> when the request's <c>If-None-Match</c> names the same tag (RFC 9110 section 13.1.2).
/// </summary>
public sealed class ServedJson : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    private readonly CachedResponse _entry;
    private readonly string _cacheControl;

    internal ServedJson(CachedResponse entry, string cacheControl)
    {
        _entry = entry;
        _cacheControl = cacheControl;
    }

    /// <summary>Always 200; a matching <c>If-None-Match</c> turns it into 304 when executed.</summary>
    public int? StatusCode => StatusCodes.Status200OK;

    /// <summary>The entity tag, quoted.</summary>
    public string ETag => _entry.ETag;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.Headers.ETag = _entry.ETag;
        response.Headers.CacheControl = _cacheControl;
        if (Matches(httpContext.Request.Headers.IfNoneMatch, _entry.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = _entry.Body.Length;
        return response.Body.WriteAsync(_entry.Body).AsTask();
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(object), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified));
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var header in ifNoneMatch)
        {
            if (header is null)
            {
                continue;
            }

            foreach (var raw in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var tag = raw.StartsWith("W/", StringComparison.Ordinal) ? raw[2..] : raw;
                if (tag == "*" || string.Equals(tag, etag, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
