using Obrador.Forecasting;
using Obrador.Pipeline.Registry;
using PromotionRule = Obrador.Pipeline.Registry.PromotionRule;

namespace Obrador.Pipeline.Models;

/// <summary>
/// Settings of the <c>train</c> → <c>evaluate</c> → <c>score</c> model stages (issues 6–8). Every property has a documented
/// default; <see cref="Validate"/> is called by <see cref="ModelStages.Create"/>.
/// </summary>
public sealed record ModelStageOptions
{
    /// <summary>Forecast horizons in days; default D+1, D+7, D+28. Overrides <see cref="ForecastEngineOptions.Horizons"/>.</summary>
    public IReadOnlyList<int> Horizons { get; init; } = [1, 7, 28];

    /// <summary>Forecasting engine settings (models, backtest origins); default <see cref="ForecastEngineOptions"/> defaults.</summary>
    public ForecastEngineOptions Forecasting { get; init; } = new();

    /// <summary>Length of the precomputed recommendation and similar-item lists, 1..100; default 20.</summary>
    public int TopN { get; init; } = 20;

    /// <summary>Users with an interaction in the last this many days get a precomputed list; default 30.</summary>
    public double ActiveUserDays { get; init; } = 30;

    /// <summary>Remove items the user already interacted with (purchased or seen) from the personal list; default true.</summary>
    public bool RemoveSeen { get; init; } = true;

    /// <summary>Share of the newest interactions held out for the chronological evaluation, (0, 1); default 0.2.</summary>
    public double HoldoutFraction { get; init; } = 0.2;

    /// <summary>Half-life of interaction weights in days; default 30.</summary>
    public double InteractionHalfLifeDays { get; init; } = 30;

    /// <summary>Tags every resource must carry (auto-labelling targets); default owner, cost-center, application, environment.</summary>
    public IReadOnlyList<string> RequiredTags { get; init; } = ["owner", "cost-center", "application", "environment"];

    /// <summary>Optional monthly budgets per cost scope (subscription id, or <c>all</c> for the total), in billing currency; default none.</summary>
    public IReadOnlyDictionary<string, decimal> Budgets { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Promotion rule of the sales forecaster; default: lower mean wMAPE by 2%.</summary>
    public PromotionRule ForecastPromotion { get; init; } = new() { Metric = "wmape", LowerIsBetter = true };

    /// <summary>Promotion rule of the recommender; default: higher NDCG@10 by 2%.</summary>
    public PromotionRule RecommendationPromotion { get; init; } = new() { Metric = "ndcg", LowerIsBetter = false };

    /// <summary>Promotion rule of the FinOps models; default: higher label compliance after suggestions by 2%.</summary>
    public PromotionRule FinOpsPromotion { get; init; } = new() { Metric = "compliance_after", LowerIsBetter = false };

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (Horizons is null || Horizons.Count == 0 || Horizons.Any(h => h < 1 || h > 99) || Horizons.Distinct().Count() != Horizons.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(Horizons), "Horizons must be distinct day counts in 1..99.");
        }

        ArgumentNullException.ThrowIfNull(Forecasting);
        (Forecasting with { Horizons = Horizons }).Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(TopN, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TopN, 100);
        if (!(ActiveUserDays > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(ActiveUserDays), ActiveUserDays, "Must be > 0.");
        }

        if (!(HoldoutFraction > 0 && HoldoutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HoldoutFraction), HoldoutFraction, "Must be in (0, 1).");
        }

        if (!(InteractionHalfLifeDays > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(InteractionHalfLifeDays), InteractionHalfLifeDays, "Must be > 0.");
        }

        if (RequiredTags is null || RequiredTags.Count == 0 || RequiredTags.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentOutOfRangeException(nameof(RequiredTags), "At least one non-empty tag name is required.");
        }

        if (Budgets is null || Budgets.Any(b => string.IsNullOrWhiteSpace(b.Key) || b.Value <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Budgets), "Budgets need a scope and a positive amount.");
        }

        ForecastPromotion.Validate();
        RecommendationPromotion.Validate();
        FinOpsPromotion.Validate();
    }
}
