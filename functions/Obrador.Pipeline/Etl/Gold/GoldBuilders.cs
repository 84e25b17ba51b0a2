using System.Text.Json;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Pipeline.Etl.Silver;

namespace Obrador.Pipeline.Etl.Gold;

/// <summary>Pure silver → gold builders for interactions, item catalog, daily cost and inventory (deterministic output order).</summary>
public static class GoldBuilders
{
    /// <summary>Interactions with a user and an item; a purchase basket yields one row per line (weight × quantity).</summary>
    public static IReadOnlyList<InteractionRow> Interactions(IEnumerable<SilverEvent> events, IReadOnlyDictionary<string, double> weights, IdNormalizer ids)
    {
        var rows = new List<InteractionRow>();
        foreach (var e in events)
        {
            if (e.UserId is null || !weights.TryGetValue(e.EventType, out var w))
            {
                continue;
            }

            if (e.EventType == EventTypes.Purchase && e.Basket is { Length: > 2 } basket)
            {
                foreach (var (item, quantity) in BasketLines(basket, ids))
                {
                    rows.Add(Row(e, item, w * Math.Max(quantity, 1)));
                }
            }
            else if (e.ItemId is not null)
            {
                rows.Add(Row(e, e.ItemId, e.EventType == EventTypes.Purchase ? w * Math.Max(e.Quantity ?? 1, 1) : w));
            }
        }

        return rows.OrderBy(r => r.Date).ThenBy(r => r.OccurredAt).ThenBy(r => r.EventId, StringComparer.Ordinal).ThenBy(r => r.ItemId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Merges the existing catalog with new events and till lines: first/last seen widen, latest price/description win.</summary>
    public static IReadOnlyList<ItemCatalogRow> ItemCatalog(IEnumerable<ItemCatalogRow> existing, IEnumerable<SilverEvent> events)
    {
        var map = existing.ToDictionary(r => r.ItemId, StringComparer.Ordinal);
        var latest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in events.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId, StringComparer.Ordinal))
        {
            var id = e.ItemId ?? e.ProductId;
            if (id is null || e.EventType == EventTypes.InventorySnapshot)
            {
                continue;
            }

            if (!map.TryGetValue(id, out var row))
            {
                row = new ItemCatalogRow { ItemId = id, Price = double.NaN, FirstSeen = e.BusinessDate, LastSeen = e.BusinessDate };
            }

            var newer = !latest.TryGetValue(id, out var at) || e.OccurredAt >= at;
            row = row with
            {
                FirstSeen = e.BusinessDate < row.FirstSeen ? e.BusinessDate : row.FirstSeen,
                LastSeen = e.BusinessDate > row.LastSeen ? e.BusinessDate : row.LastSeen,
                Price = newer && e.Price is { } p ? p : row.Price,
                Description = newer && e.Description is not null ? e.Description : row.Description,
                Category = newer && e.Category is not null ? e.Category : row.Category,
            };
            if (newer)
            {
                latest[id] = e.OccurredAt;
            }

            map[id] = row;
        }

        return map.Values.OrderBy(r => r.ItemId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Billing lines summed per day × subscription × resource group × service × resource × tags × currency.</summary>
    public static IReadOnlyList<DailyCostRow> DailyCost(IEnumerable<SilverBilling> lines) =>
        lines.GroupBy(l => (l.Date, l.Subscription, l.ResourceGroup, l.Service, l.ResourceId, l.Tags, l.Currency))
            .Select(g => new DailyCostRow
            {
                Date = g.Key.Date,
                Subscription = g.Key.Subscription,
                ResourceGroup = g.Key.ResourceGroup,
                Service = g.Key.Service,
                ResourceId = g.Key.ResourceId,
                Tags = g.Key.Tags,
                Currency = g.Key.Currency,
                Cost = g.Sum(l => l.Cost),
                EffectiveCost = g.Sum(l => l.EffectiveCost),
                Lines = g.LongCount(),
            })
            .OrderBy(r => r.Date).ThenBy(r => r.Subscription, StringComparer.Ordinal).ThenBy(r => r.ResourceGroup, StringComparer.Ordinal)
            .ThenBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.ResourceId, StringComparer.Ordinal).ThenBy(r => r.Tags, StringComparer.Ordinal)
            .ThenBy(r => r.Currency, StringComparer.Ordinal)
            .ToList();

    /// <summary>Latest snapshot per store × product, minus till units sold after it (never below zero).</summary>
    public static IReadOnlyList<InventoryRow> Inventory(IEnumerable<SilverEvent> snapshots, IEnumerable<SilverEvent> posLines)
    {
        var latest = new Dictionary<(string, string), SilverEvent>();
        foreach (var s in snapshots)
        {
            if (s.StoreId is null || s.ProductId is null || s.OnHand is null)
            {
                continue;
            }

            var k = (s.StoreId, s.ProductId);
            if (!latest.TryGetValue(k, out var cur) || s.OccurredAt > cur.OccurredAt || (s.OccurredAt == cur.OccurredAt && string.CompareOrdinal(s.EventId, cur.EventId) > 0))
            {
                latest[k] = s;
            }
        }

        var sold = new Dictionary<(string, string), double>();
        foreach (var l in posLines)
        {
            if (l.StoreId is not null && l.ProductId is not null && latest.TryGetValue((l.StoreId, l.ProductId), out var snap) && l.OccurredAt > snap.OccurredAt)
            {
                sold[(l.StoreId, l.ProductId)] = sold.GetValueOrDefault((l.StoreId, l.ProductId)) + (l.Quantity ?? 1);
            }
        }

        return latest.Select(kv =>
            {
                var s = sold.GetValueOrDefault(kv.Key);
                return new InventoryRow { StoreId = kv.Key.Item1, ProductId = kv.Key.Item2, SnapshotAt = kv.Value.OccurredAt, SnapshotOnHand = kv.Value.OnHand!.Value, SoldSince = s, OnHand = Math.Max(0, kv.Value.OnHand!.Value - s) };
            })
            .OrderBy(r => r.StoreId, StringComparer.Ordinal).ThenBy(r => r.ProductId, StringComparer.Ordinal)
            .ToList();
    }

    private static InteractionRow Row(SilverEvent e, string item, double weight) =>
        new() { UserId = e.UserId!, ItemId = item, EventType = e.EventType, Weight = weight, OccurredAt = e.OccurredAt, Date = e.BusinessDate, EventId = e.EventId };

    private static IEnumerable<(string Item, double Quantity)> BasketLines(string basket, IdNormalizer ids)
    {
        List<(string, double)> lines = [];
        try
        {
            using var doc = JsonDocument.Parse(basket);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return lines;
            }

            foreach (var l in doc.RootElement.EnumerateArray())
            {
                if (l.ValueKind == JsonValueKind.Object && l.TryGetProperty("item_id", out var id) && id.ValueKind == JsonValueKind.String && ids.Id(id.GetString()) is { } item)
                {
                    var q = l.TryGetProperty("quantity", out var qe) && qe.ValueKind == JsonValueKind.Number ? qe.GetDouble() : 1;
                    lines.Add((item, q));
                }
            }
        }
        catch (JsonException)
        {
            // A malformed basket was validated at ingestion; if one slips through it contributes no interactions.
        }

        return lines;
    }
}
