using Microsoft.AspNetCore.Diagnostics;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Extensions;

/// <summary>
/// Turns exceptions into RFC 7807 problem details without leaking internals: bad requests keep their status (400,
/// 413), storage failures answer 503, anything else 500.
/// </summary>
internal sealed partial class ObradorExceptionHandler : IExceptionHandler
{
    private readonly ILogger<ObradorExceptionHandler> _logger;

    public ObradorExceptionHandler(ILogger<ObradorExceptionHandler> logger) => _logger = logger;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request"),
            StorageException => (StatusCodes.Status503ServiceUnavailable, "Storage unavailable"),
            _ => (StatusCodes.Status500InternalServerError, "Internal error"),
        };
        if (status >= 500)
        {
            LogFailed(_logger, exception, httpContext.Request.Path);
        }

        await Results.Problem(statusCode: status, title: title, detail: status < 500 ? exception.Message : null).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request to {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string path);
}
