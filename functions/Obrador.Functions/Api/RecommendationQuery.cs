namespace Obrador.Functions.Api;

/// <summary>Query string of <c>GET /api/recommendations/{userId}</c>; raw strings, validated by the handler.</summary>
internal sealed record RecommendationQuery
{
    /// <summary>Items wanted, 1 to 100 (default 10).</summary>
    public string? N { get; init; }

    /// <summary><c>home</c> (default), <c>product</c> (needs <c>itemId</c>) or <c>cart</c> (needs <c>basket</c>).</summary>
    public string? Context { get; init; }

    /// <summary>The product being viewed (context <c>product</c>).</summary>
    public string? ItemId { get; init; }

    /// <summary>Comma-separated ids in the cart, at most 50 (context <c>cart</c>).</summary>
    public string? Basket { get; init; }
}
