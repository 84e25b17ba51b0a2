namespace Obrador.Functions.Security;

/// <summary>Names of the authorization policies registered by <c>AddObradorSecurity</c>; apply with <c>RequireAuthorization(name)</c>.</summary>
public static class ObradorPolicies
{
    /// <summary>Any authenticated role.</summary>
    public const string Read = "read";

    /// <summary>Analyst, admin, service, or a store manager whose stores include the route value <c>storeId</c>.</summary>
    public const string Forecast = "forecast";

    /// <summary>Analyst, admin, service: cost, tag, run and model reads.</summary>
    public const string Analytics = "analytics";

    /// <summary>Analyst, admin: acknowledging and resolving cost anomalies.</summary>
    public const string Triage = "triage";

    /// <summary>Service, admin: event and billing ingestion.</summary>
    public const string Ingest = "ingest";

    /// <summary>Analyst, admin: file uploads.</summary>
    public const string Upload = "upload";

    /// <summary>Admin only.</summary>
    public const string Admin = "admin";
}
