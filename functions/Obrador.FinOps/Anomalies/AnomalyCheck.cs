namespace Obrador.FinOps.Anomalies;

/// <summary>Answer of the per-event check for one scope's latest (possibly partial) day.</summary>
public sealed record AnomalyCheck
{
    /// <summary>True when the value is already outside the expected range.</summary>
    public required bool IsAnomaly { get; init; }

    /// <summary>Expected cost for the part of the day covered.</summary>
    public required double Expected { get; init; }

    /// <summary>Lower end of the expected range for that part of the day (≥ 0).</summary>
    public required double ExpectedLow { get; init; }

    /// <summary>Upper end of the expected range for that part of the day.</summary>
    public required double ExpectedHigh { get; init; }

    /// <summary>Robust z-score of the value against the (scaled) baseline.</summary>
    public required double Z { get; init; }

    /// <summary>Severity when flagged (Info otherwise).</summary>
    public required AnomalySeverity Severity { get; init; }
}
