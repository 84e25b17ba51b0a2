namespace Obrador.Recommendations.Precompute;

/// <summary>The <c>Source</c> values of the serving tables.</summary>
public static class Sources
{
    /// <summary>Personalised list from the user's history.</summary>
    public const string Personalized = "personalized";

    /// <summary>Similar items from co-occurrence (collaborative).</summary>
    public const string Collaborative = "collaborative";

    /// <summary>Similar items from text similarity (content), for items without enough interactions.</summary>
    public const string Content = "content";
}
