namespace Obrador.Recommendations.Algorithms;

/// <summary>Options of <see cref="HybridRecommender"/>.</summary>
public sealed record HybridOptions
{
    /// <summary>Collaborative model; default <see cref="CollaborativeModel.Auto"/>.</summary>
    public CollaborativeModel Collaborative { get; init; } = CollaborativeModel.Auto;

    /// <summary>
    /// Largest catalog for which <see cref="CollaborativeModel.Auto"/> picks EASE; default 2,000 (EASE's popularity-leaning
    /// scores won the chronological hold-out on both real datasets; SAR above that size, where EASE's O(n³) training
    /// stops being seconds). On the 1,822-item gift shop SAR ranks better under the random protocol (NDCG@10 0.196
    /// vs 0.175) but loses to popularity under the chronological one, see docs/benchmarks/recommendations.md.
    /// </summary>
    public int AutoEaseMaxItems { get; init; } = 2_000;

    /// <summary>Distinct items from which a user counts as "known" and gets user-based scores; below it, basket-based; default 3.</summary>
    public int MinHistory { get; init; } = 3;

    /// <summary>Weight of the (max-normalised) content scores blended into collaborative ones; default 0.3 (best of 0.1/0.3/0.6/1 on online-retail), so new items surface.</summary>
    public float ContentWeight { get; init; } = 0.3f;

    /// <summary>Weight of (max-normalised) popularity blended in, a prior for short histories; default 0.05.</summary>
    public float PopularityWeight { get; init; } = 0.05f;

    /// <summary>True: the prior blended with <see cref="PopularityWeight"/> is the trending score (recent demand) instead of all-time popularity; default false.</summary>
    public bool TrendingPrior { get; init; }

    /// <summary>Options of the EASE component.</summary>
    public EaseOptions Ease { get; init; } = new();

    /// <summary>Options of the SAR component.</summary>
    public SarOptions Sar { get; init; } = new();

    /// <summary>Options of the ALS component.</summary>
    public AlsOptions Als { get; init; } = new();

    /// <summary>Options of the content component.</summary>
    public ContentOptions Content { get; init; } = new();

    /// <summary>Options of the trending fallback for users with no history.</summary>
    public TrendingOptions Trending { get; init; } = new();

    /// <summary>Checks these options and the components'.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1 or a negative/non-finite weight.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(AutoEaseMaxItems, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinHistory, 1);
        if (!float.IsFinite(ContentWeight) || ContentWeight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ContentWeight), ContentWeight, "Must be finite and >= 0.");
        }

        if (!float.IsFinite(PopularityWeight) || PopularityWeight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PopularityWeight), PopularityWeight, "Must be finite and >= 0.");
        }

        Ease.Validate();
        Sar.Validate();
        Als.Validate();
        Content.Validate();
        Trending.Validate();
    }
}
