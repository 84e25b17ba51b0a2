namespace Obrador.FinOps.Anomalies;

/// <summary>
/// One deduplicated anomaly alert: consecutive flagged days of one scope in one direction (a one-day gap still
/// merges). Row of the <c>CostAnomalies</c> serving table (partition = month of <see cref="FirstDate"/>).
/// </summary>
public sealed record CostAnomaly
{
    /// <summary>Deterministic id: 16 hex chars of SHA-256 over scope, direction and first day.</summary>
    public required string Id { get; init; }

    /// <summary>Scope key.</summary>
    public required string Scope { get; init; }

    /// <summary>Dimension of the scope.</summary>
    public string Dimension { get; init; } = "";

    /// <summary>Currency of the amounts.</summary>
    public string Currency { get; init; } = "";

    /// <summary>First flagged day.</summary>
    public required DateOnly FirstDate { get; init; }

    /// <summary>Last flagged day.</summary>
    public required DateOnly LastDate { get; init; }

    /// <summary>Spike or drop.</summary>
    public required AnomalyDirection Direction { get; init; }

    /// <summary>Actual cost on the most anomalous day.</summary>
    public required double Actual { get; init; }

    /// <summary>Expected cost on that day.</summary>
    public required double Expected { get; init; }

    /// <summary>Lower end of the expected range on that day (≥ 0).</summary>
    public required double ExpectedLow { get; init; }

    /// <summary>Upper end of the expected range on that day.</summary>
    public required double ExpectedHigh { get; init; }

    /// <summary>Cost impact: Σ (actual − expected) over the flagged days (negative for drops).</summary>
    public required double Impact { get; init; }

    /// <summary>Highest combined score over the flagged days, in [0, 1].</summary>
    public required double Score { get; init; }

    /// <summary>Highest severity over the flagged days.</summary>
    public required AnomalySeverity Severity { get; init; }

    /// <summary>Flagged days merged into this alert.</summary>
    public required int Days { get; init; }

    /// <summary>New, acknowledged or resolved.</summary>
    public AnomalyStatus Status { get; init; } = AnomalyStatus.New;
}
