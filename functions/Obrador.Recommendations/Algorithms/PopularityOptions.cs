namespace Obrador.Recommendations.Algorithms;

/// <summary>Options of <see cref="PopularityRecommender"/>.</summary>
public sealed record PopularityOptions
{
    /// <summary>
    /// False (default): popularity = number of distinct users who interacted with the item (the Microsoft Recommenders
    /// baseline). True: sum of the decayed, type-weighted interaction weights.
    /// </summary>
    public bool UseWeights { get; init; }

    /// <summary>Checks the options (nothing can be out of range today; kept for a uniform options contract).</summary>
    public void Validate()
    {
    }
}
