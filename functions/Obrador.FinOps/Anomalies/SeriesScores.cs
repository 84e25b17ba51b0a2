namespace Obrador.FinOps.Anomalies;

/// <summary>Per-point scores of one series (arrays aligned with <see cref="ScopeSeries.Values"/>; warm-up points score 0).</summary>
public sealed record SeriesScores
{
    /// <summary>The scored series.</summary>
    public required ScopeSeries Series { get; init; }

    /// <summary>Combined score in [0, 1].</summary>
    public required double[] Score { get; init; }

    /// <summary>True where the point is flagged as anomalous.</summary>
    public required bool[] Flag { get; init; }

    /// <summary>Robust z-score (NaN in warm-up).</summary>
    public required double[] Z { get; init; }

    /// <summary>Baseline expected value (NaN in warm-up).</summary>
    public required double[] Expected { get; init; }

    /// <summary>Robust residual scale σ (NaN in warm-up).</summary>
    public required double[] Sigma { get; init; }

    /// <summary>Isolation forest score s(x) (NaN in warm-up).</summary>
    public required double[] ForestScore { get; init; }
}
