namespace Obrador.Functions.Security;

/// <summary>The roles an API key or platform principal can hold.</summary>
public static class ObradorRoles
{
    /// <summary>Reads recommendations and the forecasts of its own stores only.</summary>
    public const string StoreManager = "store_manager";

    /// <summary>Reads everything, uploads files, triages cost anomalies.</summary>
    public const string Analyst = "analyst";

    /// <summary>Everything, including admin operations (reload, rollback, keys).</summary>
    public const string Admin = "admin";

    /// <summary>Machine callers (frontends, ingestion): reads and ingest.</summary>
    public const string Service = "service";

    /// <summary>Every role, for validation.</summary>
    public static IReadOnlyList<string> All { get; } = [StoreManager, Analyst, Admin, Service];

    /// <summary>True when <paramref name="role"/> is one of <see cref="All"/> (ordinal).</summary>
    public static bool IsKnown(string? role) => role is StoreManager or Analyst or Admin or Service;
}
