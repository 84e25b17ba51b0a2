namespace Obrador.FinOps.Anomalies;

/// <summary>Which way the cost moved; alerts for one scope are deduplicated per direction (the "cause").</summary>
public enum AnomalyDirection
{
    /// <summary>Cost above the expected range.</summary>
    Spike,

    /// <summary>Cost below the expected range.</summary>
    Drop,
}
