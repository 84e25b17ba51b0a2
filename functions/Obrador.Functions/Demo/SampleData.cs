namespace Obrador.Functions.Demo;

/// <summary>One day of sales of one product in one store, as an analyst's historical upload carries it.</summary>
/// <param name="Date">Business date (store local).</param>
/// <param name="Store">Store id.</param>
/// <param name="Product">Product id.</param>
/// <param name="Units">Units sold (≥ 0).</param>
/// <param name="UnitPrice">Price per unit in EUR.</param>
/// <param name="Promo">Whether the product was on promotion.</param>
public sealed record SalesRow(DateOnly Date, string Store, string Product, decimal Units, decimal UnitPrice, bool Promo);

/// <summary>A shop event before it is serialised to the event contract (<c>docs/events.schema.json</c>).</summary>
/// <param name="Type"><c>view</c>, <c>click</c>, <c>add_to_cart</c>, <c>purchase</c> or <c>pos_sale</c>.</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="User">Shopper id (null for till sales).</param>
/// <param name="Item">Item or product id.</param>
/// <param name="Quantity">Units (purchase, add_to_cart, pos_sale), else null.</param>
/// <param name="Price">Unit price in EUR (purchase, pos_sale), else null.</param>
/// <param name="Session">Session or till ticket id.</param>
/// <param name="Store">Store id for till sales.</param>
public sealed record ShopEvent(string Type, DateTimeOffset At, string? User, string Item, decimal? Quantity, decimal? Price, string Session, string? Store = null);

/// <summary>A catalogue item with the text the content-based recommender uses.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Name">Display name / description.</param>
/// <param name="Category">Category.</param>
/// <param name="Price">Current price in EUR.</param>
public sealed record CatalogItem(string Id, string Name, string Category, decimal Price);

/// <summary>
/// Everything the demo feeds Obrador: sales history, shop events, catalogue and billing export files, with a label
/// saying whether it is the real public data or the synthetic sample.
/// </summary>
/// <param name="Label">Human-readable origin, e.g. <c>synthetic sample (seed 42)</c> or <c>real: bakery-fr, online-retail, …</c>.</param>
/// <param name="Sales">Daily sales history (historical upload path).</param>
/// <param name="Events">Shop and till events in time order (Event Hub path).</param>
/// <param name="Catalog">Item catalogue.</param>
/// <param name="BillingFiles">Billing export files by blob name (blob trigger path), CSV bytes.</param>
/// <param name="Known">Facts the end-to-end test asserts on (a store/product with history, an injected anomaly).</param>
public sealed record SampleData(
    string Label,
    IReadOnlyList<SalesRow> Sales,
    IReadOnlyList<ShopEvent> Events,
    IReadOnlyList<CatalogItem> Catalog,
    IReadOnlyDictionary<string, byte[]> BillingFiles,
    SampleFacts Known);

/// <summary>Ground truth planted in a dataset.</summary>
/// <param name="Store">A store with full history.</param>
/// <param name="Product">A product sold in <see cref="Store"/>.</param>
/// <param name="AnomalyScope">Resource group whose cost was spiked (null for real data).</param>
/// <param name="AnomalyDate">Day of the spike (null for real data).</param>
public sealed record SampleFacts(string Store, string Product, string? AnomalyScope, DateOnly? AnomalyDate);
