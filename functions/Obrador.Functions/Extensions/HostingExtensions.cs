using System.Globalization;
using Obrador.Functions.Security;

namespace Obrador.Functions.Extensions;

/// <summary>Where the app listens and the server's own limits.</summary>
public static class HostingExtensions
{
    /// <summary>Default address when run standalone.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// Listens on <c>http://127.0.0.1:{FUNCTIONS_CUSTOMHANDLER_PORT}</c> when the Functions host sets that variable
    /// (the host forwards to the loopback address only), else on <c>urls</c>/<c>ASPNETCORE_URLS</c>, else on
    /// <see cref="DefaultUrl"/>; applies <see cref="LimitsOptions"/> to Kestrel.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>FUNCTIONS_CUSTOMHANDLER_PORT</c> is not a port number.</exception>
    public static IHostApplicationBuilder AddObradorHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var port = builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"];
        if (!string.IsNullOrEmpty(port))
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                throw new InvalidOperationException($"FUNCTIONS_CUSTOMHANDLER_PORT '{port}' is not a TCP port (1-65535).");
            }

            builder.WebHost.UseUrls("http://127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture));
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var limits = builder.Configuration.Bind<LimitsOptions>("Limits");
        limits.Validate();
        builder.Services.AddSingleton(limits);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalBytes;
            k.Limits.MaxRequestLineSize = limits.MaxRequestLineBytes;
        });
        builder.Services.AddRequestTimeouts(o => o.DefaultPolicy = new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy
        {
            Timeout = limits.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ObradorExceptionHandler>();
        return builder;
    }
}
