namespace Obrador.Ingestion.Events;

/// <summary>The event types of contract version 1 (<c>docs/events.schema.json</c>).</summary>
public static class EventTypes
{
    /// <summary>A shopper viewed an item: <c>user_id</c>, <c>item_id</c>, optional <c>session_id</c>.</summary>
    public const string View = "view";

    /// <summary>A shopper clicked an item (recommendation, search result): same fields as <see cref="View"/>.</summary>
    public const string Click = "click";

    /// <summary>A shopper added an item to the cart: <c>user_id</c>, <c>item_id</c>, <c>quantity</c>.</summary>
    public const string AddToCart = "add_to_cart";

    /// <summary>An online order: <c>user_id</c>, <c>currency</c>, and <c>basket</c> lines (or a single <c>item_id</c>, <c>quantity</c>, <c>price</c>).</summary>
    public const string Purchase = "purchase";

    /// <summary>A till line: <c>store_id</c>, <c>product_id</c>, <c>ticket_id</c>, <c>quantity</c>, <c>unit_price</c>, <c>currency</c>.</summary>
    public const string PosSale = "pos_sale";

    /// <summary>A stock count: <c>store_id</c>, <c>product_id</c>, <c>on_hand</c>.</summary>
    public const string InventorySnapshot = "inventory_snapshot";

    /// <summary>Every accepted type.</summary>
    public static IReadOnlyList<string> All { get; } = [View, Click, AddToCart, Purchase, PosSale, InventorySnapshot];
}
