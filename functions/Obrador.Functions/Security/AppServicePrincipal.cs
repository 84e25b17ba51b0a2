using System.Security.Claims;
using System.Text.Json;

namespace Obrador.Functions.Security;

/// <summary>
/// Decodes the App Service Authentication header <c>X-MS-CLIENT-PRINCIPAL</c> (base64 JSON with <c>auth_typ</c>,
/// <c>name_typ</c>, <c>role_typ</c> and <c>claims[{typ,val}]</c>; see
/// https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities#access-user-claims-in-app-code).
/// </summary>
internal static class AppServicePrincipal
{
    /// <summary>Largest header accepted, in characters.</summary>
    public const int MaxHeaderLength = 16 * 1024;

    /// <summary>
    /// The principal with its Obrador roles (known role names among the role claims) and stores (claims
    /// <c>obrador_stores</c>, comma separated); null when the header is malformed or names no known role.
    /// </summary>
    public static ClaimsPrincipal? TryDecode(string header, string scheme)
    {
        if (header.Length is 0 or > MaxHeaderLength)
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(header);
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            var nameType = root.TryGetProperty("name_typ", out var nt) && nt.ValueKind == JsonValueKind.String ? nt.GetString()! : ClaimTypes.Name;
            var roleType = root.TryGetProperty("role_typ", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString()! : "roles";
            if (!root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            string? name = null;
            var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
            foreach (var claim in claims.EnumerateArray())
            {
                var typ = claim.TryGetProperty("typ", out var t) ? t.GetString() : null;
                var val = claim.TryGetProperty("val", out var v) ? v.GetString() : null;
                if (typ is null || val is null)
                {
                    continue;
                }

                if (typ == nameType)
                {
                    name = val;
                }
                else if ((typ == roleType || typ == "roles") && ObradorRoles.IsKnown(val))
                {
                    identity.AddClaim(new Claim(ClaimTypes.Role, val));
                }
                else if (typ == "obrador_stores")
                {
                    foreach (var store in val.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        identity.AddClaim(new Claim(ObradorClaims.Store, store));
                    }
                }
            }

            if (!identity.HasClaim(c => c.Type == ClaimTypes.Role))
            {
                return null;
            }

            identity.AddClaim(new Claim(ClaimTypes.Name, name ?? "unknown"));
            identity.AddClaim(new Claim(ObradorClaims.Actor, "aad:" + (name ?? "unknown")));
            return new ClaimsPrincipal(identity);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
