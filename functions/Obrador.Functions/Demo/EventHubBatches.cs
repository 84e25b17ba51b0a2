using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Obrador.Functions.Demo;

/// <summary>
/// Serialises demo events to the event contract (<c>docs/events.schema.json</c>) and packs them into the exact
/// invocation payloads the Functions host sends an Event Hub–triggered custom handler, so the demo ingests through
/// the same parsing path as production.
/// </summary>
/// <remarks>Payload shape: https://learn.microsoft.com/azure/azure-functions/functions-bindings-event-hubs-trigger (metadata arrays per event).</remarks>
public static class EventHubBatches
{
    /// <summary>Splits <paramref name="events"/> over <paramref name="partitions"/> partitions (by user or store) and yields invocation payloads of at most <paramref name="batchSize"/> events.</summary>
    /// <param name="events">Events in time order.</param>
    /// <param name="catalog">Catalogue, for item descriptions and categories carried on views and purchases.</param>
    /// <param name="partitions">Number of Event Hub partitions (1-32).</param>
    /// <param name="batchSize">Events per invocation (1-10,000).</param>
    /// <returns>UTF-8 JSON invocation payloads with binding name <c>events</c>.</returns>
    public static IEnumerable<byte[]> Invocations(IReadOnlyList<ShopEvent> events, IReadOnlyList<CatalogItem> catalog, int partitions = 4, int batchSize = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var items = catalog.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var byPartition = events
            .Select((e, i) => (e, i))
            .GroupBy(x => (int)((uint)StableHash(x.e.User ?? x.e.Store ?? x.e.Item) % (uint)partitions))
            .OrderBy(g => g.Key);
        foreach (var partition in byPartition)
        {
            long sequence = 0;
            foreach (var chunk in partition.Select(x => x.e).Chunk(batchSize))
            {
                yield return Invocation(partition.Key, sequence, chunk, items);
                sequence += chunk.Length;
            }
        }
    }

    private static byte[] Invocation(int partition, long firstSequence, ShopEvent[] chunk, Dictionary<string, CatalogItem> items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("Data");
            w.WriteStartArray("events");
            for (var i = 0; i < chunk.Length; i++)
            {
                WriteEvent(w, chunk[i], partition, firstSequence + i, items);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("Metadata");
            w.WriteStartObject("PartitionContext");
            w.WriteString("EventHubName", "events");
            w.WriteString("ConsumerGroup", "obrador");
            w.WriteString("PartitionId", partition.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteStartArray("SequenceNumberArray");
            for (var i = 0; i < chunk.Length; i++)
            {
                w.WriteNumberValue(firstSequence + i);
            }

            w.WriteEndArray();
            w.WriteStartArray("EnqueuedTimeUtcArray");
            foreach (var e in chunk)
            {
                w.WriteStringValue(e.At.AddSeconds(1).UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            }

            w.WriteEndArray();
            w.WriteStartArray("PropertiesArray");
            foreach (var _ in chunk)
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteEvent(Utf8JsonWriter w, ShopEvent e, int partition, long sequence, Dictionary<string, CatalogItem> items)
    {
        w.WriteStartObject();
        w.WriteString("event_id", $"demo-{partition}-{sequence}");
        w.WriteString("event_type", e.Type);
        w.WriteString("occurred_at", e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        w.WriteString("source", e.Type == "pos_sale" ? "pos-" + e.Store : "web");
        w.WriteNumber("schema_version", 1);
        w.WriteStartObject("data");
        if (e.Type == "pos_sale")
        {
            w.WriteString("store_id", e.Store);
            w.WriteString("product_id", e.Item);
            w.WriteString("ticket_id", e.Session);
            w.WriteNumber("quantity", e.Quantity ?? 1);
            w.WriteNumber("unit_price", e.Price ?? 0);
            w.WriteString("currency", "EUR");
        }
        else
        {
            w.WriteString("user_id", e.User);
            w.WriteString("session_id", e.Session);
            w.WriteString("item_id", e.Item);
            if (e.Quantity is { } q)
            {
                w.WriteNumber("quantity", q);
            }

            if (e.Type == "purchase")
            {
                w.WriteNumber("price", e.Price ?? 0);
                w.WriteString("currency", "EUR");
            }

            // Item text rides on views and purchases; silver builds the catalogue from it.
            if (e.Type is "view" or "purchase" && items.TryGetValue(e.Item, out var item))
            {
                w.WriteString("description", item.Name);
                w.WriteString("category", item.Category);
            }
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static int StableHash(string s)
    {
        // FNV-1a: string.GetHashCode is randomised per process, and partitioning must be reproducible.
        var h = 2166136261u;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619u;
        }

        return (int)(h & 0x7FFFFFFF);
    }
}
