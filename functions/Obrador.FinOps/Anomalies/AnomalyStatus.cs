namespace Obrador.FinOps.Anomalies;

/// <summary>Life cycle of a cost anomaly alert.</summary>
public enum AnomalyStatus
{
    /// <summary>Raised and not yet looked at.</summary>
    New,

    /// <summary>An operator acknowledged it (kept across reruns).</summary>
    Acknowledged,

    /// <summary>No new flag for <see cref="AnomalyDetectorOptions.ResolveAfterDays"/> days.</summary>
    Resolved,
}
