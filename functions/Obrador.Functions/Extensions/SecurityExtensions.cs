using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Obrador.Functions.Security;

namespace Obrador.Functions.Extensions;

/// <summary>Authentication, authorization policies and the per-key rate limiter.</summary>
public static class SecurityExtensions
{
    /// <summary>
    /// Registers the <c>Obrador</c> authentication scheme (API keys, optionally App Service principals), the named
    /// policies of <see cref="ObradorPolicies"/> (the fallback policy is <c>read</c>, so only routes marked anonymous
    /// are open), the audit log and a token-bucket limiter partitioned by key id (by client IP for anonymous calls).
    /// </summary>
    public static IHostApplicationBuilder AddObradorSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var auth = builder.Configuration.Bind<AuthOptions>("Auth");
        auth.Validate();
        var rate = builder.Configuration.Bind<RateLimitOptions>("RateLimit");
        rate.Validate();
        builder.Services.AddSingleton(auth);
        builder.Services.AddSingleton(rate);
        builder.Services.AddSingleton<ApiKeyService>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<IAuthorizationHandler, StoreAccessHandler>();
        builder.Services.AddAuthentication(ObradorAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ObradorAuthenticationHandler>(ObradorAuthenticationHandler.SchemeName, null);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ObradorPolicies.Read, p => p.RequireRole(ObradorRoles.All))
            .AddPolicy(ObradorPolicies.Forecast, p => p.RequireAuthenticatedUser().AddRequirements(new StoreAccessRequirement()))
            .AddPolicy(ObradorPolicies.Analytics, p => p.RequireRole(ObradorRoles.Analyst, ObradorRoles.Admin, ObradorRoles.Service))
            .AddPolicy(ObradorPolicies.Triage, p => p.RequireRole(ObradorRoles.Analyst, ObradorRoles.Admin))
            .AddPolicy(ObradorPolicies.Ingest, p => p.RequireRole(ObradorRoles.Service, ObradorRoles.Admin))
            .AddPolicy(ObradorPolicies.Upload, p => p.RequireRole(ObradorRoles.Analyst, ObradorRoles.Admin))
            .AddPolicy(ObradorPolicies.Admin, p => p.RequireRole(ObradorRoles.Admin))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireRole(ObradorRoles.All).Build());

        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!rate.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }

                var partition = http.User.FindFirstValue(ObradorClaims.KeyId) is { } keyId
                    ? "key:" + keyId
                    : "ip:" + (http.Connection.RemoteIpAddress ?? IPAddress.Loopback);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = rate.TokenLimit,
                    TokensPerPeriod = rate.TokensPerPeriod,
                    ReplenishmentPeriod = rate.ReplenishmentPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var ra) ? ra : rate.ReplenishmentPeriod;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: $"Rate limit exceeded; retry after {seconds} s.").ExecuteAsync(context.HttpContext));
            };
        });
        return builder;
    }
}
