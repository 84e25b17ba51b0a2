namespace Obrador.FinOps.Forecast;

/// <summary>Settings of <see cref="CostForecastService"/>.</summary>
public sealed record CostForecastOptions
{
    /// <summary>Days forecast after the as-of day. Default 90.</summary>
    public int HorizonDays { get; init; } = 90;

    /// <summary>Normal quantile of the interval ends: P10/P90 = mean ∓ z·σ. Default 1.2816 (an 80% interval).</summary>
    public double IntervalZ { get; init; } = 1.2816;

    /// <summary>Budget shares that raise an alert when the actual or projected month total crosses them. Default 0.5, 0.8, 1.0.</summary>
    public IReadOnlyList<double> Thresholds { get; init; } = [0.5, 0.8, 1.0];

    /// <summary>Minimum days of history; shorter scopes are skipped. Default 14.</summary>
    public int MinHistoryDays { get; init; } = 14;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (horizon 1–3650, z 0–10, thresholds in (0, 10]).</exception>
    public void Validate()
    {
        Guard.InRange(HorizonDays, 1, 3650, nameof(HorizonDays));
        Guard.InRange(IntervalZ, 0, 10, nameof(IntervalZ));
        Guard.InRange(MinHistoryDays, 14, 100_000, nameof(MinHistoryDays));
        foreach (var t in Thresholds)
        {
            Guard.InRange(t, 1e-9, 10, nameof(Thresholds));
        }
    }
}
