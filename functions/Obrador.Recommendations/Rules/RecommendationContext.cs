namespace Obrador.Recommendations.Rules;

/// <summary>The page a list is requested for.</summary>
/// <param name="Page">Home, product page or cart.</param>
/// <param name="CurrentItem">The product shown, for <see cref="PageKind.Product"/>.</param>
/// <param name="Basket">Items in the cart, for <see cref="PageKind.Cart"/>.</param>
public sealed record RecommendationContext(PageKind Page, string? CurrentItem = null, IReadOnlyList<string>? Basket = null)
{
    /// <summary>The home page.</summary>
    public static RecommendationContext Home { get; } = new(PageKind.Home);
}
