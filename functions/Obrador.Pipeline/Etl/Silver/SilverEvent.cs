namespace Obrador.Pipeline.Etl.Silver;

/// <summary>
/// One typed, normalised, deduplicated event in silver: <c>silver/events/</c> (view, click, add_to_cart, purchase),
/// <c>silver/pos_sales/</c> (pos_sale) or <c>silver/inventory/</c> (inventory_snapshot), partitioned by
/// <see cref="BusinessDate"/> (<c>date=YYYY-MM-DD</c>) and ordered by (<see cref="OccurredAt"/>, <see cref="EventId"/>).
/// </summary>
public sealed record SilverEvent
{
    /// <summary>The producer's event id (dedup key).</summary>
    public required string EventId { get; init; }

    /// <summary>Event type (see <c>Obrador.Ingestion.Events.EventTypes</c>).</summary>
    public required string EventType { get; init; }

    /// <summary>When it happened, UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Local business date at the store (default zone for web/app events).</summary>
    public required DateOnly BusinessDate { get; init; }

    /// <summary>Shopper id (trimmed), or null.</summary>
    public string? UserId { get; init; }

    /// <summary>Session id, or null.</summary>
    public string? SessionId { get; init; }

    /// <summary>Normalised item id, or null.</summary>
    public string? ItemId { get; init; }

    /// <summary>Normalised store id, or null.</summary>
    public string? StoreId { get; init; }

    /// <summary>Normalised product id, or null.</summary>
    public string? ProductId { get; init; }

    /// <summary>Till ticket, or null.</summary>
    public string? TicketId { get; init; }

    /// <summary>Units, or null.</summary>
    public double? Quantity { get; init; }

    /// <summary>Unit price, or null.</summary>
    public double? Price { get; init; }

    /// <summary>Units on hand (inventory snapshots), or null.</summary>
    public double? OnHand { get; init; }

    /// <summary>Purchase basket JSON (<c>[{"item_id","quantity","price"}]</c>), or null.</summary>
    public string? Basket { get; init; }

    /// <summary>Item description from the payload (<c>description</c>), or null.</summary>
    public string? Description { get; init; }

    /// <summary>Item category from the payload (<c>category</c>), or null.</summary>
    public string? Category { get; init; }

    /// <summary>When the event reached Obrador (Event Hubs enqueue time), UTC; the earliest copy of a duplicate wins.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>The bronze file the event came from (lineage).</summary>
    public required string SourceFile { get; init; }
}
