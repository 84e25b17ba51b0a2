using Obrador.Parquet;

namespace Obrador.Ingestion.Bronze;

/// <summary>
/// One accepted event as stored in <c>bronze/events/</c>: the envelope, the typed payload columns of every event type
/// (null where the type has no such field), the original JSON, and the delivery coordinates.
/// </summary>
/// <remarks>
/// <para>Schema version 1 of the bronze event table (column order is this declaration order; column names are the
/// snake_case forms given in each property's summary). The contract of the incoming JSON is
/// <c>docs/events.schema.json</c>; see <c>docs/ingestion.md</c> for how the silver stage reads this table.</para>
/// <para>Stability: columns are only ever added at the end (as optional), never renamed, retyped or removed.
/// A redelivered Event Hub batch produces the same rows in the same file (see <see cref="LakePaths.BronzeEvents"/>),
/// so readers may assume <c>(partition_id, sequence_number)</c> is unique across files for Event Hub rows, and
/// <c>event_id</c> is unique within one file but not across files (a client may resend): silver deduplicates on it.</para>
/// </remarks>
public sealed record BronzeEvent
{
    /// <summary><c>event_id</c>: client-chosen id, 1-64 chars of <c>[A-Za-z0-9._:-]</c>.</summary>
    public required string EventId { get; init; }

    /// <summary><c>event_type</c>: one of <see cref="Events.EventTypes.All"/>.</summary>
    public required string EventType { get; init; }

    /// <summary><c>occurred_at</c>: when the event happened, UTC (RFC 3339 in the JSON; offsets are normalised).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary><c>source</c>: emitting system, e.g. <c>web</c>, <c>app</c>, <c>pos-0012</c> (1-64 id chars).</summary>
    public required string Source { get; init; }

    /// <summary><c>schema_version</c>: version of the event contract the producer used (currently 1).</summary>
    public required int SchemaVersion { get; init; }

    /// <summary><c>user_id</c>: shopper id (view, click, add_to_cart, purchase); null otherwise.</summary>
    public string? UserId { get; init; }

    /// <summary><c>session_id</c>: browsing session (view, click, add_to_cart, purchase; optional).</summary>
    public string? SessionId { get; init; }

    /// <summary><c>item_id</c>: catalogue item (view, click, add_to_cart; purchase of a single item).</summary>
    public string? ItemId { get; init; }

    /// <summary><c>quantity</c>: units (add_to_cart, purchase, pos_sale), 0 to <see cref="Events.EventValidationOptions.MaxQuantity"/>.</summary>
    public decimal? Quantity { get; init; }

    /// <summary><c>price</c>: unit price in <see cref="Currency"/> (purchase: price of <see cref="ItemId"/>; pos_sale: unit price), decimal(18,4).</summary>
    public decimal? Price { get; init; }

    /// <summary><c>currency</c>: ISO 4217 code, three upper-case letters.</summary>
    public string? Currency { get; init; }

    /// <summary><c>basket</c>: purchase lines as a compact JSON array <c>[{"item_id":"…","quantity":1,"price":2.5}]</c>, or null.</summary>
    public string? Basket { get; init; }

    /// <summary><c>store_id</c>: store (pos_sale, inventory_snapshot).</summary>
    public string? StoreId { get; init; }

    /// <summary><c>product_id</c>: product (pos_sale, inventory_snapshot).</summary>
    public string? ProductId { get; init; }

    /// <summary><c>ticket_id</c>: till ticket (pos_sale).</summary>
    public string? TicketId { get; init; }

    /// <summary><c>on_hand</c>: units on hand (inventory_snapshot), 0 to <see cref="Events.EventValidationOptions.MaxQuantity"/>.</summary>
    public decimal? OnHand { get; init; }

    /// <summary>
    /// <c>payload</c>: the event exactly as received, as its UTF-8 JSON bytes (a STRING column: the bytes are written
    /// as they arrived, with no UTF-16 round trip), so nothing the producer sent is lost.
    /// </summary>
    [ParquetUtf8]
    public required byte[] Payload { get; init; }

    /// <summary><c>partition_id</c>: Event Hub partition, or <c>http</c> for the HTTP collector.</summary>
    public required string PartitionId { get; init; }

    /// <summary><c>sequence_number</c>: Event Hub sequence number; for HTTP, the index in the request.</summary>
    public required long SequenceNumber { get; init; }

    /// <summary><c>enqueued_at</c>: when Event Hubs accepted the event (HTTP: when the request arrived), UTC.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary><c>ingested_at</c>: when Obrador wrote the row, UTC (from the injected clock).</summary>
    public required DateTimeOffset IngestedAt { get; init; }
}
