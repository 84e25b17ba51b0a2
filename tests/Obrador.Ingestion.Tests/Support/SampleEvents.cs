using System.Globalization;
using System.Text;

namespace Obrador.Ingestion.Tests.Support;

/// <summary>Valid contract-v1 events of every type, generated from a seeded Random.</summary>
internal static class SampleEvents
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public static string Valid(Random rng, int n)
    {
        var at = Now.AddMinutes(-rng.Next(0, 60 * 24 * 30)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var head = $"\"event_id\":\"e-{n}-{rng.Next():x}\",\"occurred_at\":\"{at}\",\"source\":\"web\",\"schema_version\":1,";
        var item = "i" + rng.Next(1, 200);
        var user = "u" + rng.Next(1, 1000);
        return (n % 6) switch
        {
            0 => "{" + head + $"\"event_type\":\"view\",\"data\":{{\"user_id\":\"{user}\",\"item_id\":\"{item}\",\"session_id\":\"s{rng.Next(100)}\"}}}}",
            1 => "{" + head + $"\"event_type\":\"click\",\"data\":{{\"user_id\":\"{user}\",\"item_id\":\"{item}\"}}}}",
            2 => "{" + head + $"\"event_type\":\"add_to_cart\",\"data\":{{\"user_id\":\"{user}\",\"item_id\":\"{item}\",\"quantity\":{rng.Next(1, 5)}}}}}",
            3 => "{" + head + $"\"event_type\":\"purchase\",\"data\":{{\"user_id\":\"{user}\",\"currency\":\"EUR\",\"basket\":[{{\"item_id\":\"{item}\",\"quantity\":2,\"price\":1.25}},{{\"item_id\":\"i{rng.Next(200, 300)}\",\"quantity\":1,\"price\":3.5}}]}}}}",
            4 => "{" + head + $"\"event_type\":\"pos_sale\",\"data\":{{\"store_id\":\"s{rng.Next(1, 10)}\",\"product_id\":\"p{rng.Next(1, 50)}\",\"ticket_id\":\"t{rng.Next()}\",\"quantity\":{rng.Next(1, 4)},\"unit_price\":0.95,\"currency\":\"EUR\"}}}}",
            _ => "{" + head + $"\"event_type\":\"inventory_snapshot\",\"data\":{{\"store_id\":\"s{rng.Next(1, 10)}\",\"product_id\":\"p{rng.Next(1, 50)}\",\"on_hand\":{rng.Next(0, 500)}}}}}",
        };
    }

    /// <summary>A parsed <c>pos_sale</c> of <paramref name="units"/> of <paramref name="product"/> in <paramref name="store"/> at 09:00 UTC on 2026-11-21, with sequence number <paramref name="sequence"/> in partition 7.</summary>
    public static Obrador.Ingestion.Bronze.BronzeEvent Sale(long sequence, string store = "s", string product = "p", decimal units = 1) => new()
    {
        EventId = "sale-" + sequence.ToString(CultureInfo.InvariantCulture),
        EventType = Obrador.Ingestion.Events.EventTypes.PosSale,
        OccurredAt = Now.AddHours(-3),
        Source = "pos-1",
        SchemaVersion = 1,
        StoreId = store,
        ProductId = product,
        TicketId = "t" + sequence.ToString(CultureInfo.InvariantCulture),
        Quantity = units,
        Payload = "{}"u8.ToArray(),
        PartitionId = "7",
        SequenceNumber = sequence,
        EnqueuedAt = Now,
        IngestedAt = Now,
    };

    /// <summary>A parsed <c>inventory_snapshot</c>: <paramref name="onHand"/> units of <paramref name="product"/> counted in <paramref name="store"/> at <paramref name="at"/>.</summary>
    public static Obrador.Ingestion.Bronze.BronzeEvent Snapshot(long sequence, string store, string product, decimal onHand, DateTimeOffset at) => new()
    {
        EventId = "count-" + sequence.ToString(CultureInfo.InvariantCulture),
        EventType = Obrador.Ingestion.Events.EventTypes.InventorySnapshot,
        OccurredAt = at,
        Source = "pos-1",
        SchemaVersion = 1,
        StoreId = store,
        ProductId = product,
        OnHand = onHand,
        Payload = "{}"u8.ToArray(),
        PartitionId = "7",
        SequenceNumber = sequence,
        EnqueuedAt = Now,
        IngestedAt = Now,
    };

    public static byte[] Array(IEnumerable<string> events) => Encoding.UTF8.GetBytes("[" + string.Join(",", events) + "]");
}
