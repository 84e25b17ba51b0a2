namespace Obrador.Recommendations.Algorithms;

/// <summary>Which collaborative model the hybrid uses for users with history.</summary>
public enum CollaborativeModel
{
    /// <summary>EASE when the catalog is at most <see cref="HybridOptions.AutoEaseMaxItems"/> items, otherwise SAR.</summary>
    Auto,

    /// <summary>Always SAR.</summary>
    Sar,

    /// <summary>Always EASE.</summary>
    Ease,

    /// <summary>Always implicit ALS.</summary>
    Als,
}
