namespace Obrador.FinOps.Anomalies;

/// <summary>How loud an alert is: from |z| and the relative cost impact (see <see cref="CostAnomalyDetector"/>).</summary>
public enum AnomalySeverity
{
    /// <summary>Noticeable: |z| under 5 and impact under 40% of expected.</summary>
    Info,

    /// <summary>|z| ≥ 5 or impact ≥ 40% of expected.</summary>
    Warning,

    /// <summary>|z| ≥ 8 or impact ≥ 100% of expected.</summary>
    Critical,
}
