using System.Text.Json;
using Obrador.Ingestion.Billing;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;

namespace Obrador.Pipeline.Etl.Silver;

/// <summary>Pure bronze → silver row transforms: typing, id normalisation, UTC + business date, entity routing.</summary>
public static class SilverTransforms
{
    /// <summary>Silver entity of interaction events.</summary>
    public const string Events = "events";

    /// <summary>Silver entity of till sale lines.</summary>
    public const string PosSales = "pos_sales";

    /// <summary>Silver entity of inventory snapshots.</summary>
    public const string Inventory = "inventory";

    /// <summary>Silver entity of uploaded daily sales.</summary>
    public const string Uploads = "uploads";

    /// <summary>Silver entity of billing lines.</summary>
    public const string Billing = "billing";

    /// <summary>The silver entity an event type belongs to.</summary>
    /// <exception cref="ArgumentException">An event type silver does not know.</exception>
    public static string EntityOf(string eventType) => eventType switch
    {
        EventTypes.PosSale => PosSales,
        EventTypes.InventorySnapshot => Inventory,
        EventTypes.View or EventTypes.Click or EventTypes.AddToCart or EventTypes.Purchase => Events,
        _ => throw new ArgumentException($"Unknown event type '{eventType}'.", nameof(eventType)),
    };

    /// <summary>Types and normalises one bronze event.</summary>
    public static SilverEvent FromBronze(BronzeEvent e, string file, IdNormalizer ids, BusinessCalendar calendar)
    {
        var store = ids.Id(e.StoreId);
        var utc = e.OccurredAt.ToUniversalTime();
        var (description, category) = ItemText(e.Payload);
        return new SilverEvent
        {
            EventId = e.EventId.Trim(),
            EventType = e.EventType,
            OccurredAt = utc,
            BusinessDate = calendar.BusinessDate(utc, store),
            UserId = IdNormalizer.User(e.UserId),
            SessionId = IdNormalizer.User(e.SessionId),
            ItemId = ids.Id(e.ItemId),
            StoreId = store,
            ProductId = ids.Id(e.ProductId),
            TicketId = IdNormalizer.User(e.TicketId),
            Quantity = (double?)e.Quantity,
            Price = (double?)e.Price,
            OnHand = (double?)e.OnHand,
            Basket = e.Basket,
            Description = description,
            Category = category,
            EnqueuedAt = e.EnqueuedAt.ToUniversalTime(),
            SourceFile = file,
        };
    }

    /// <summary>
    /// The newest version of each (store, product, date) among uploads not soft-deleted, in (date, store, product) order.
    /// </summary>
    /// <param name="rows">Bronze sales rows of every upload.</param>
    /// <param name="deletedUploads">Upload ids with a tombstone.</param>
    /// <param name="ids">Id normaliser.</param>
    public static IReadOnlyList<SilverUpload> NewestUploads(IEnumerable<BronzeSale> rows, IReadOnlySet<string> deletedUploads, IdNormalizer ids) =>
        rows.Where(r => !deletedUploads.Contains(r.UploadId))
            .Select(r => new SilverUpload
            {
                StoreId = ids.Id(r.StoreId) ?? r.StoreId,
                ProductId = ids.Id(r.ProductId) ?? r.ProductId,
                Date = r.Date,
                Units = (double)r.Units,
                Revenue = (double?)r.Revenue,
                UnitPrice = (double?)r.UnitPrice,
                Promo = r.Promo,
                Closed = r.Closed,
                UploadId = r.UploadId,
                UploadVersion = r.UploadVersion,
            })
            .GroupBy(r => (r.StoreId, r.ProductId, r.Date))
            .Select(g => g.OrderByDescending(r => r.UploadVersion).ThenBy(r => r.UploadId, StringComparer.Ordinal).First())
            .OrderBy(r => r.Date).ThenBy(r => r.StoreId, StringComparer.Ordinal).ThenBy(r => r.ProductId, StringComparer.Ordinal)
            .ToList();

    /// <summary>Types one bronze billing row; null when it has no usage date (it is reported, not aggregated).</summary>
    public static SilverBilling? FromBronze(BronzeBillingRow r)
    {
        if (r.Date is not { } date)
        {
            return null;
        }

        // An unknown cost type may be the amortized twin of an actual export, so it is never counted as billed cost.
        var amortizedOnly = r.CostType is BillingCostTypes.Amortized or BillingCostTypes.Unknown;
        var cost = (double)r.Cost;
        return new SilverBilling
        {
            Date = date,
            Subscription = string.IsNullOrWhiteSpace(r.Subscription) ? "_unknown" : r.Subscription.Trim(),
            ResourceGroup = r.ResourceGroup?.Trim().ToLowerInvariant() ?? string.Empty,
            Service = r.Service?.Trim() ?? string.Empty,
            ResourceId = r.ResourceId?.Trim().ToLowerInvariant() ?? string.Empty,
            Tags = CanonicalTags(r.Tags),
            Cost = amortizedOnly ? 0 : cost,
            EffectiveCost = r.EffectiveCost is { } eff ? (double)eff : cost,
            Currency = r.Currency?.Trim().ToUpperInvariant() ?? string.Empty,
            SourceFormat = r.SourceFormat,
            Source = r.File + "#" + r.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Tags JSON with keys sorted ordinally (values kept), so equal tag sets group together; invalid JSON → <c>{}</c>.</summary>
    public static string CanonicalTags(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "{}";
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "{}";
            }

            var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                sorted[p.Name.Trim()] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? string.Empty : p.Value.GetRawText();
            }

            return JsonSerializer.Serialize(sorted);
        }
        catch (JsonException)
        {
            return "{}";
        }
    }

    // Only payloads that mention the fields are parsed: most events carry neither and parsing every payload is costly.
    private static (string? Description, string? Category) ItemText(byte[] payload)
    {
        var span = payload.AsSpan();
        if (span.IndexOf("\"description\""u8) < 0 && span.IndexOf("\"category\""u8) < 0)
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            var data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : root;
            return (Text(data, "description") ?? Text(root, "description"), Text(data, "category") ?? Text(root, "category"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()?.Trim() : null;
}
