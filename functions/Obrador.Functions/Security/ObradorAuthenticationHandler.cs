using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Obrador.Functions.Security;

/// <summary>
/// Authenticates <c>X-Api-Key: {keyId}.{secret}</c> against the <c>ApiKeys</c> table and, when
/// <see cref="AuthOptions.EnableAppServiceAuth"/> is on, the platform's <c>X-MS-CLIENT-PRINCIPAL</c>.
/// Challenges (401) and forbids (403) answer RFC 7807 problem details and write an <c>Audit</c> record.
/// </summary>
internal sealed partial class ObradorAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    /// <summary>Scheme name.</summary>
    public const string SchemeName = "Obrador";

    /// <summary>Header carrying the API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Header set by App Service Authentication.</summary>
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    private readonly ApiKeyService _keys;
    private readonly AuthOptions _auth;
    private readonly AuditLog _audit;

    public ObradorAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        ApiKeyService keys, AuthOptions auth, AuditLog audit)
        : base(options, logger, encoder)
    {
        _keys = keys;
        _auth = auth;
        _audit = audit;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        if (headers.TryGetValue(ApiKeyHeader, out var values))
        {
            if (values.Count != 1 || values[0] is not { } presented)
            {
                return AuthenticateResult.Fail("exactly one X-Api-Key header is allowed");
            }

            var record = await _keys.VerifyAsync(presented, Context.RequestAborted).ConfigureAwait(false);
            if (record is null)
            {
                return AuthenticateResult.Fail(ApiKeyFormat.TryParse(presented, out var keyId, out _)
                    ? "invalid API key " + keyId
                    : "malformed API key");
            }

            var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
            identity.AddClaim(new Claim(ClaimTypes.Name, "key:" + record.KeyId));
            identity.AddClaim(new Claim(ObradorClaims.Actor, "key:" + record.KeyId));
            identity.AddClaim(new Claim(ObradorClaims.KeyId, record.KeyId));
            identity.AddClaim(new Claim(ClaimTypes.Role, record.Role));
            foreach (var store in record.Stores)
            {
                identity.AddClaim(new Claim(ObradorClaims.Store, store));
            }

            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
        }

        if (_auth.EnableAppServiceAuth && headers.TryGetValue(PrincipalHeader, out var principalHeader))
        {
            var principal = principalHeader.Count == 1 && principalHeader[0] is { } h ? AppServicePrincipal.TryDecode(h, SchemeName) : null;
            return principal is null
                ? AuthenticateResult.Fail("App Service principal without a known role")
                : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
        }

        return AuthenticateResult.NoResult();
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var reason = result.Failure?.Message ?? "no credentials";
        LogRejected(Logger, Request.Path, reason);
        await _audit.WriteAsync("anonymous", "auth.failed", Request.Path, StatusCodes.Status401Unauthorized, reason, Context.RequestAborted).ConfigureAwait(false);
        Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Authentication required",
            detail: "Send a valid API key in the X-Api-Key header.").ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var actor = Context.User.FindFirstValue(ObradorClaims.Actor) ?? "unknown";
        var role = string.Join(',', Context.User.FindAll(ClaimTypes.Role).Select(c => c.Value));
        LogForbidden(Logger, actor, Request.Path);
        await _audit.WriteAsync(actor, "auth.forbidden", Request.Path, StatusCodes.Status403Forbidden, "role " + role, Context.RequestAborted).ConfigureAwait(false);
        await Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            detail: "This key's role or stores do not allow this request.").ExecuteAsync(Context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected request to {Path}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forbade {Actor} on {Path}")]
    private static partial void LogForbidden(ILogger logger, string actor, string path);
}
