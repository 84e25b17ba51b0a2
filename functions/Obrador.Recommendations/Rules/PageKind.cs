namespace Obrador.Recommendations.Rules;

/// <summary>Where the list is shown.</summary>
public enum PageKind
{
    /// <summary>Home page: the user's personal list.</summary>
    Home,

    /// <summary>Product page: items like the current one ("customers also bought"), excluding it.</summary>
    Product,

    /// <summary>Cart: items bought together with the basket ("frequently bought together"), excluding the basket.</summary>
    Cart,
}
