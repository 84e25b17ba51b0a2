namespace Obrador.Recommendations.Data;

/// <summary>How events become user-item weights: per-type weights, an exponential time decay and aggregation.</summary>
/// <remarks>
/// Weight of one event e at reference time t0: <c>w(e) = typeWeight(e) · value(e) · 2^(−(t0 − t_e) / halfLife)</c>;
/// the user-item weight is the sum over that pair's events (the time-decayed affinity of SAR, Microsoft Recommenders,
/// <c>sar_singlenode.py</c>: <c>a_ij = Σ_k w_k · 2^(−(t0 − t_k)/T)</c>).
/// </remarks>
public sealed record InteractionOptions
{
    /// <summary>Weight per event type (case-insensitive). Defaults view 1, click 2, add_to_cart 4, purchase 8.</summary>
    public IReadOnlyDictionary<string, double> EventWeights { get; init; } =
        new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
        {
            [EventTypes.View] = 1.0,
            [EventTypes.Click] = 2.0,
            [EventTypes.AddToCart] = 4.0,
            [EventTypes.Purchase] = 8.0,
        };

    /// <summary>Weight of an event type missing from <see cref="EventWeights"/>; null (default) rejects such events.</summary>
    public double? UnknownEventWeight { get; init; }

    /// <summary>Half-life of the time decay in days; null (default 30) … use <see cref="double.PositiveInfinity"/> to disable decay.</summary>
    public double HalfLifeDays { get; init; } = 30.0;

    /// <summary>Reference time t0 of the decay; null (default) uses the latest event timestamp, so runs are reproducible.</summary>
    public DateTimeOffset? ReferenceTime { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative or not finite, or the half-life is not positive.</exception>
    public void Validate()
    {
        foreach (var (type, weight) in EventWeights)
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(EventWeights), weight, $"Weight of '{type}' must be finite and >= 0.");
            }
        }

        if (UnknownEventWeight is { } u && (!double.IsFinite(u) || u < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(UnknownEventWeight), u, "Must be finite and >= 0.");
        }

        if (double.IsNaN(HalfLifeDays) || HalfLifeDays <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(HalfLifeDays), HalfLifeDays, "Must be > 0 (PositiveInfinity disables decay).");
        }
    }
}
