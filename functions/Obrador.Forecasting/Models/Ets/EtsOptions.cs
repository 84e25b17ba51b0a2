namespace Obrador.Forecasting.Models.Ets;

/// <summary>Options of <see cref="EtsModel"/>.</summary>
public sealed record EtsOptions
{
    /// <summary>Season length in steps; null (default) = 7 for daily data, 52 for weekly data.</summary>
    public int? SeasonLength { get; init; }

    /// <summary>Forms compared by AICc. Default: all six additive-error forms of <see cref="EtsForm"/>.</summary>
    public IReadOnlyList<EtsForm> Forms { get; init; } = Enum.GetValues<EtsForm>();

    /// <summary>Only the most recent this many steps are fitted (speed; old regimes rarely help). Default 728 (two years daily).</summary>
    public int MaxHistory { get; init; } = 728;

    /// <summary>
    /// Iteration budget of the bounded quasi-Newton search per form (each iteration costs a few profiled-SSE passes).
    /// Default 250; the search usually converges in far fewer.
    /// </summary>
    public int MaxEvaluations { get; init; } = 250;

    /// <summary>
    /// Seasonal initial states are estimated (m − 1 free, jointly with the level and trend, by least squares inside the
    /// likelihood) when the season length m is at most this; longer seasons keep the heuristic seasonal states and
    /// estimate only ℓ₀ and b₀. Default 24, the largest m the <c>ets()</c> function of Hyndman's forecast package
    /// accepts. On Walmart (weekly, m = 52, under 3 years) estimating the 51 states was no more accurate and 10× slower
    /// (docs/benchmarks/forecasting.md).
    /// </summary>
    public int MaxEstimatedSeasonLength { get; init; } = 24;

    /// <summary>Lower bound of the damping φ. Default 0.8 (Hyndman et al. 2008, §2.5 recommends φ ∈ [0.8, 0.98]).</summary>
    public double PhiMin { get; init; } = 0.8;

    /// <summary>Upper bound of the damping φ. Default 0.98.</summary>
    public double PhiMax { get; init; } = 0.98;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> on invalid values.</summary>
    public void Validate()
    {
        if (SeasonLength is { } m)
        {
            Guard.AtLeast(m, 2);
        }

        if (Forms is null || Forms.Count == 0)
        {
            throw new ArgumentException("At least one ETS form is required.", nameof(Forms));
        }

        Guard.AtLeast(MaxHistory, 4);
        Guard.AtLeast(MaxEvaluations, 10);
        Guard.AtLeast(MaxEstimatedSeasonLength, 0);
        Guard.InRange(PhiMin, 0.5, 1.0);
        Guard.InRange(PhiMax, PhiMin, 1.0);
    }
}
