namespace Obrador.Recommendations.Algorithms;

/// <summary>How SAR turns item co-occurrence counts c_ij into similarities.</summary>
public enum SimilarityKind
{
    /// <summary>The raw co-occurrence count c_ij.</summary>
    Cooccurrence,

    /// <summary>c_ij / (c_ii + c_jj − c_ij).</summary>
    Jaccard,

    /// <summary>c_ij / (c_ii · c_jj).</summary>
    Lift,

    /// <summary>c_ij / √(c_ii · c_jj).</summary>
    Cosine,
}
