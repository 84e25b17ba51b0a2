namespace Obrador.Ingestion.Events;

/// <summary>The values read from one event's JSON before the type rules are checked.</summary>
internal struct EventFields
{
    public string? EventId;
    public string? EventType;
    public DateTimeOffset? OccurredAt;
    public string? Source;
    public int? SchemaVersion;
    public bool HasData;
    public string? UserId;
    public string? SessionId;
    public string? ItemId;
    public decimal? Quantity;
    public decimal? Price;
    public decimal? UnitPrice;
    public string? Currency;
    public string? Basket;
    public string? StoreId;
    public string? ProductId;
    public string? TicketId;
    public decimal? OnHand;
}
