namespace Obrador.FinOps.Synthetic;

/// <summary>Kinds of injected cost anomalies.</summary>
public enum AnomalyKind
{
    /// <summary>One day far above normal (a runaway job).</summary>
    Spike,

    /// <summary>One day far below normal (an outage, a stopped workload).</summary>
    Dip,

    /// <summary>A block of 5–8 days shifted up or down (a misconfiguration left running, then fixed).</summary>
    LevelShift,

    /// <summary>A 8–12 day linear ramp up (a leak that grows until noticed).</summary>
    Drift,
}
