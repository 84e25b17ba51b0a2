using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Obrador.Ingestion.Bronze;

namespace Obrador.Ingestion.Events;

/// <summary>
/// Validates one event against contract version 1 (<c>docs/events.schema.json</c>) and projects it onto a
/// <see cref="BronzeEvent"/>, or says precisely why not.
/// </summary>
/// <remarks>
/// A single forward pass of <see cref="Utf8JsonReader"/> over the event's bytes (RFC 8259); no DOM is built.
/// Rules: the envelope fields are required; <c>occurred_at</c> is an RFC 3339 <c>date-time</c> with seconds and an
/// explicit offset (RFC 3339 §5.6), not before <see cref="EventValidationOptions.MinOccurredAt"/> nor more than
/// <see cref="EventValidationOptions.MaxFutureSkew"/> after now; ids match <c>^[A-Za-z0-9._:-]{1,64}$</c>; a property
/// may not appear twice; unknown properties are allowed (forward compatibility) and kept in <c>payload</c>.
/// Thread safe (stateless apart from the options and clock).
/// </remarks>
public sealed partial class EventParser
{
    private static readonly (string Name, byte[] Utf8)[] KnownTypes = [.. EventTypes.All.Select(t => (t, Encoding.UTF8.GetBytes(t)))];
    private readonly EventValidationOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a parser.</summary>
    /// <param name="options">Limits (validated here).</param>
    /// <param name="time">Clock for the future-timestamp rule and <c>ingested_at</c>.</param>
    public EventParser(EventValidationOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Validate();
        _time = time;
    }

    /// <summary>Parses and validates one event.</summary>
    /// <param name="raw">The event as delivered.</param>
    /// <param name="index">Its 0-based index in the batch (for the rejection).</param>
    /// <param name="partition">Partition id stored in <c>partition_id</c>.</param>
    /// <param name="now">The batch's processing time (UTC), used for <c>ingested_at</c> and the future rule.</param>
    /// <param name="rejection">Why the event was rejected, when the result is null.</param>
    /// <returns>The bronze row, or null when rejected.</returns>
    public BronzeEvent? Parse(in RawEvent raw, int index, string partition, DateTimeOffset now, out EventRejection? rejection)
    {
        rejection = null;
        if (raw.PreRejection is not null)
        {
            rejection = new EventRejection(index, "malformed_json", "$", raw.PreRejection);
            return null;
        }

        var json = raw.Json.Span;
        if (json.Length > _options.MaxEventBytes)
        {
            rejection = new EventRejection(index, "too_large", "$", $"event is {json.Length} bytes; the limit is {_options.MaxEventBytes}");
            return null;
        }

        if (!Utf8.IsValid(json))
        {
            rejection = new EventRejection(index, "invalid_utf8", "$", "event is not valid UTF-8");
            return null;
        }

        EventFields f;
        try
        {
            f = Read(json);
            Check(ref f, now);
        }
        catch (EventReadException e)
        {
            rejection = new EventRejection(index, e.Code, e.Field, e.Message);
            return null;
        }
        catch (JsonException e)
        {
            rejection = new EventRejection(index, "malformed_json", "$", $"malformed JSON at byte {e.BytePositionInLine}: {FirstSentence(e.Message)}");
            return null;
        }

        return new BronzeEvent
        {
            EventId = f.EventId!,
            EventType = f.EventType!,
            OccurredAt = f.OccurredAt!.Value,
            Source = f.Source!,
            SchemaVersion = f.SchemaVersion!.Value,
            UserId = f.UserId,
            SessionId = f.SessionId,
            ItemId = f.ItemId,
            Quantity = f.Quantity,
            Price = f.EventType == EventTypes.PosSale ? f.UnitPrice : f.Price,
            Currency = f.Currency,
            Basket = f.Basket,
            StoreId = f.StoreId,
            ProductId = f.ProductId,
            TicketId = f.TicketId,
            OnHand = f.OnHand,
            Payload = json.ToArray(),
            PartitionId = partition,
            SequenceNumber = raw.SequenceNumber,
            EnqueuedAt = raw.EnqueuedAt.ToUniversalTime(),
            IngestedAt = now,
        };
    }

    private EventFields Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EventReadException("invalid_type", "$", "an event must be a JSON object");
        }

        var f = default(EventFields);
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int bit;
            if (reader.ValueTextEquals("event_id"u8)) { bit = 1; reader.Read(); f.EventId = Id(ref reader, "event_id"); }
            else if (reader.ValueTextEquals("event_type"u8)) { bit = 2; reader.Read(); f.EventType = KnownEventType(ref reader) ?? String(ref reader, "event_type", 32); }
            else if (reader.ValueTextEquals("occurred_at"u8)) { bit = 4; reader.Read(); f.OccurredAt = Timestamp(ref reader, "occurred_at"); }
            else if (reader.ValueTextEquals("source"u8)) { bit = 8; reader.Read(); f.Source = Id(ref reader, "source"); }
            else if (reader.ValueTextEquals("schema_version"u8)) { bit = 16; reader.Read(); f.SchemaVersion = Version(ref reader); }
            else if (reader.ValueTextEquals("data"u8)) { bit = 32; reader.Read(); ReadData(ref reader, ref f); f.HasData = true; }
            else
            {
                bit = 0;
                reader.Read();
                reader.Skip();
            }

            if ((seen & bit) != 0)
            {
                throw new EventReadException("duplicate_property", "$", "a property appears twice in the event");
            }

            seen |= bit;
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new EventReadException("malformed_json", "$", "unexpected content after the event object");
        }

        return f;
    }

    // One of the contract's types as its constant (no string per event), or null for anything else.
    private static string? KnownEventType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            foreach (var (name, utf8) in KnownTypes)
            {
                if (reader.ValueTextEquals(utf8))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private void ReadData(ref Utf8JsonReader reader, ref EventFields f)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EventReadException("invalid_type", "data", "data must be a JSON object");
        }

        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int bit;
            if (reader.ValueTextEquals("user_id"u8)) { bit = 1; reader.Read(); f.UserId = Id(ref reader, "data.user_id"); }
            else if (reader.ValueTextEquals("session_id"u8)) { bit = 2; reader.Read(); f.SessionId = Id(ref reader, "data.session_id"); }
            else if (reader.ValueTextEquals("item_id"u8)) { bit = 4; reader.Read(); f.ItemId = Id(ref reader, "data.item_id"); }
            else if (reader.ValueTextEquals("quantity"u8)) { bit = 8; reader.Read(); f.Quantity = Amount(ref reader, "data.quantity", _options.MaxQuantity); }
            else if (reader.ValueTextEquals("price"u8)) { bit = 16; reader.Read(); f.Price = Amount(ref reader, "data.price", _options.MaxPrice); }
            else if (reader.ValueTextEquals("unit_price"u8)) { bit = 32; reader.Read(); f.UnitPrice = Amount(ref reader, "data.unit_price", _options.MaxPrice); }
            else if (reader.ValueTextEquals("currency"u8)) { bit = 64; reader.Read(); f.Currency = Currency(ref reader); }
            else if (reader.ValueTextEquals("basket"u8)) { bit = 128; reader.Read(); f.Basket = Basket(ref reader); }
            else if (reader.ValueTextEquals("store_id"u8)) { bit = 256; reader.Read(); f.StoreId = Id(ref reader, "data.store_id"); }
            else if (reader.ValueTextEquals("product_id"u8)) { bit = 512; reader.Read(); f.ProductId = Id(ref reader, "data.product_id"); }
            else if (reader.ValueTextEquals("ticket_id"u8)) { bit = 1024; reader.Read(); f.TicketId = Id(ref reader, "data.ticket_id"); }
            else if (reader.ValueTextEquals("on_hand"u8)) { bit = 2048; reader.Read(); f.OnHand = Amount(ref reader, "data.on_hand", _options.MaxQuantity); }
            else
            {
                bit = 0;
                reader.Read();
                reader.Skip();
            }

            if ((seen & bit) != 0)
            {
                throw new EventReadException("duplicate_property", "data", "a property appears twice in data");
            }

            seen |= bit;
        }
    }

    private void Check(ref EventFields f, DateTimeOffset now)
    {
        Require(f.EventId, "event_id");
        Require(f.EventType, "event_type");
        Require(f.OccurredAt, "occurred_at");
        Require(f.Source, "source");
        Require(f.SchemaVersion, "schema_version");
        if (!f.HasData)
        {
            throw new EventReadException("missing_field", "data", "data is required");
        }

        if (f.OccurredAt!.Value < _options.MinOccurredAt)
        {
            throw new EventReadException("out_of_range", "occurred_at", $"occurred_at {f.OccurredAt:O} is before {_options.MinOccurredAt:O}");
        }

        if (f.OccurredAt.Value > now + _options.MaxFutureSkew)
        {
            throw new EventReadException("out_of_range", "occurred_at", $"occurred_at {f.OccurredAt:O} is more than {_options.MaxFutureSkew.TotalHours:0.#} h in the future");
        }

        if (f.SchemaVersion!.Value > _options.MaxSchemaVersion)
        {
            throw new EventReadException("unsupported_version", "schema_version", $"schema_version {f.SchemaVersion} is newer than {_options.MaxSchemaVersion}");
        }

        switch (f.EventType)
        {
            case EventTypes.View or EventTypes.Click:
                Require(f.UserId, "data.user_id");
                Require(f.ItemId, "data.item_id");
                break;
            case EventTypes.AddToCart:
                Require(f.UserId, "data.user_id");
                Require(f.ItemId, "data.item_id");
                Require(f.Quantity, "data.quantity");
                break;
            case EventTypes.Purchase:
                Require(f.UserId, "data.user_id");
                Require(f.Currency, "data.currency");
                if (f.Basket is null)
                {
                    Require(f.ItemId, "data.item_id");
                    Require(f.Quantity, "data.quantity");
                    Require(f.Price, "data.price");
                }

                break;
            case EventTypes.PosSale:
                Require(f.StoreId, "data.store_id");
                Require(f.ProductId, "data.product_id");
                Require(f.TicketId, "data.ticket_id");
                Require(f.Quantity, "data.quantity");
                Require(f.UnitPrice, "data.unit_price");
                Require(f.Currency, "data.currency");
                break;
            case EventTypes.InventorySnapshot:
                Require(f.StoreId, "data.store_id");
                Require(f.ProductId, "data.product_id");
                Require(f.OnHand, "data.on_hand");
                break;
            default:
                throw new EventReadException("unknown_event_type", "event_type", $"event_type '{Truncate(f.EventType!)}' is not one of {string.Join(", ", EventTypes.All)}");
        }
    }
}
