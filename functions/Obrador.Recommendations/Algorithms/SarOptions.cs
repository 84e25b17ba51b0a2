namespace Obrador.Recommendations.Algorithms;

/// <summary>Options of <see cref="SarRecommender"/>.</summary>
public sealed record SarOptions
{
    /// <summary>Similarity; default <see cref="SimilarityKind.Jaccard"/> (the Microsoft Recommenders SAR default).</summary>
    public SimilarityKind Similarity { get; init; } = SimilarityKind.Jaccard;

    /// <summary>Minimum co-occurrence count kept in the similarity matrix; default 1 (keep all).</summary>
    public int Threshold { get; init; } = 1;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Threshold"/> &lt; 1.</exception>
    public void Validate() => ArgumentOutOfRangeException.ThrowIfLessThan(Threshold, 1);
}
