namespace Obrador.Functions.Security;

/// <summary>Claim types Obrador puts on authenticated principals (besides <see cref="System.Security.Claims.ClaimTypes.Role"/>).</summary>
public static class ObradorClaims
{
    /// <summary>The API key id (absent for platform principals); also the rate-limit partition.</summary>
    public const string KeyId = "obrador:key";

    /// <summary>A store the principal may read forecasts of; <c>*</c> for all. Repeated once per store.</summary>
    public const string Store = "obrador:store";

    /// <summary>Who acted, for audit records: <c>key:{id}</c> or <c>aad:{name}</c>.</summary>
    public const string Actor = "obrador:actor";
}
