namespace Obrador.Recommendations.Algorithms;

/// <summary>Options of <see cref="TrendingRecommender"/> and <see cref="TrendingCalculator"/>.</summary>
public sealed record TrendingOptions
{
    /// <summary>Windows in days for the precomputed <c>Trending</c> table; default 1, 7 and 30 (the serving contract's <c>1d</c>/<c>7d</c>/<c>30d</c>).</summary>
    public IReadOnlyList<int> WindowsDays { get; init; } = [1, 7, 30];

    /// <summary>Window of <see cref="TrendingRecommender"/> (cold-start answers), in days; default 7.</summary>
    public int RecommenderWindowDays { get; init; } = 7;

    /// <summary>Half-life of the decay as a fraction of the window; default 0.5 (a 7-day window halves every 3.5 days).</summary>
    public double HalfLifeFraction { get; init; } = 0.5;

    /// <summary>
    /// Weight of all-time popularity added as a tie-breaker so the list is never empty when the window is quiet;
    /// default 1e-3, times the decayed weight of one event at the window's edge, so it never outranks a real event.
    /// </summary>
    public double PopularityPrior { get; init; } = 1e-3;

    /// <summary>Items per precomputed list; default 100 (the serving contract's maximum).</summary>
    public int TopN { get; init; } = 100;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A window is not positive, the fraction not in (0, ∞), the prior negative or TopN not in [1, 100].</exception>
    public void Validate()
    {
        if (WindowsDays.Count == 0 || WindowsDays.Any(w => w <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(WindowsDays), "At least one window, each > 0 days.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(RecommenderWindowDays);
        if (!double.IsFinite(HalfLifeFraction) || HalfLifeFraction <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(HalfLifeFraction), HalfLifeFraction, "Must be finite and > 0.");
        }

        if (!double.IsFinite(PopularityPrior) || PopularityPrior < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PopularityPrior), PopularityPrior, "Must be finite and >= 0.");
        }

        if (TopN is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(TopN), TopN, "Must be in [1, 100].");
        }
    }
}
