using System.Globalization;
using System.Text;

namespace Obrador.Bench.Ingestion;

/// <summary>Deterministic contract-v1 events (all six types) for the ingestion benchmark.</summary>
internal static class BenchEvents
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    /// <summary><c>occurred_at</c> spread of the main benchmark: 30 days.</summary>
    public const int ThirtyDays = 86_400 * 30;

    /// <summary><c>occurred_at</c> spread of a live stream: the last hour.</summary>
    public const int OneHour = 3_600;

    /// <summary><paramref name="count"/> events (seed 42) with <c>occurred_at</c> up to <paramref name="spreadSeconds"/> before <see cref="Now"/>.</summary>
    public static string[] Generate(int count, int spreadSeconds)
    {
        var rng = new Random(42);
        var events = new string[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = Event(rng, i, spreadSeconds);
        }

        return events;
    }

    /// <summary>The <paramref name="n"/>-th event as compact JSON, <c>occurred_at</c> up to <paramref name="spreadSeconds"/> before <see cref="Now"/>.</summary>
    public static string Event(Random rng, long n, int spreadSeconds = ThirtyDays)
    {
        var at = Now.AddSeconds(-rng.Next(0, spreadSeconds)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var head = $"{{\"event_id\":\"e{n}\",\"occurred_at\":\"{at}\",\"source\":\"pos-{rng.Next(1, 40):D4}\",\"schema_version\":1,";
        var item = "sku-" + rng.Next(1, 5000);
        var user = "u" + rng.Next(1, 200_000);
        return (n % 10) switch
        {
            0 or 1 or 2 => head + $"\"event_type\":\"view\",\"data\":{{\"user_id\":\"{user}\",\"item_id\":\"{item}\",\"session_id\":\"s{rng.Next(1_000_000)}\"}}}}",
            3 => head + $"\"event_type\":\"click\",\"data\":{{\"user_id\":\"{user}\",\"item_id\":\"{item}\"}}}}",
            4 => head + $"\"event_type\":\"add_to_cart\",\"data\":{{\"user_id\":\"{user}\",\"item_id\":\"{item}\",\"quantity\":{rng.Next(1, 5)}}}}}",
            5 => head + $"\"event_type\":\"purchase\",\"data\":{{\"user_id\":\"{user}\",\"currency\":\"EUR\",\"basket\":[{{\"item_id\":\"{item}\",\"quantity\":2,\"price\":1.25}},{{\"item_id\":\"sku-{rng.Next(1, 5000)}\",\"quantity\":1,\"price\":3.5}}]}}}}",
            6 or 7 or 8 => head + $"\"event_type\":\"pos_sale\",\"data\":{{\"store_id\":\"s{rng.Next(1, 40)}\",\"product_id\":\"p{rng.Next(1, 150)}\",\"ticket_id\":\"t{rng.Next()}\",\"quantity\":{rng.Next(1, 4)},\"unit_price\":0.95,\"currency\":\"EUR\"}}}}",
            _ => head + $"\"event_type\":\"inventory_snapshot\",\"data\":{{\"store_id\":\"s{rng.Next(1, 40)}\",\"product_id\":\"p{rng.Next(1, 150)}\",\"on_hand\":{rng.Next(0, 500)}}}}}",
        };
    }

    /// <summary>A host-shaped Event Hub invocation for events [<paramref name="first"/>, first + count).</summary>
    public static byte[] Invocation(string[] events, int first, int count, string partition)
    {
        var sb = new StringBuilder(count * 340 + 256);
        sb.Append("{\"Data\":{\"events\":[");
        for (var i = 0; i < count; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append(events[first + i]);
        }

        sb.Append("]},\"Metadata\":{\"PartitionContext\":{\"FullyQualifiedNamespace\":\"bench.servicebus.windows.net\",\"EventHubName\":\"events\",\"ConsumerGroup\":\"obrador\",\"PartitionId\":\"")
            .Append(partition).Append("\"},\"SequenceNumberArray\":[");
        for (var i = 0; i < count; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append((first + i).ToString(CultureInfo.InvariantCulture));
        }

        sb.Append("],\"EnqueuedTimeUtcArray\":[");
        var enqueued = Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            sb.Append(i == 0 ? "\"" : ",\"").Append(enqueued).Append('"');
        }

        sb.Append("]}}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
