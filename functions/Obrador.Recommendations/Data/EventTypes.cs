namespace Obrador.Recommendations.Data;

/// <summary>Well-known event type names, weakest signal first.</summary>
public static class EventTypes
{
    /// <summary>Product page view.</summary>
    public const string View = "view";

    /// <summary>Click on a recommendation or a listing.</summary>
    public const string Click = "click";

    /// <summary>Product added to the cart.</summary>
    public const string AddToCart = "add_to_cart";

    /// <summary>Product bought.</summary>
    public const string Purchase = "purchase";
}
