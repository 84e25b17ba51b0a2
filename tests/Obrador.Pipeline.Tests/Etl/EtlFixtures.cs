using Obrador.Ingestion.Bronze;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Etl.Silver;

namespace Obrador.Pipeline.Tests.Etl;

internal static class EtlFixtures
{
    public static readonly EtlOptions Options = new()
    {
        StoreTimeZones = new Dictionary<string, string> { ["EDI-01"] = "Europe/London", ["NYC-01"] = "America/New_York" },
        IdMappings = new Dictionary<string, string> { ["BAGUETTE-OLD"] = "BAGUETTE" },
    };

    public static readonly IdNormalizer Ids = new(Options.IdMappings);

    public static readonly BusinessCalendar Calendar = new(Options);

    public static BronzeEvent Bronze(string id, string type, DateTimeOffset at, string? store = null, string? product = null, decimal? qty = null, decimal? price = null, string? user = null, string? item = null, DateTimeOffset? enqueued = null, decimal? onHand = null, string payload = "{}") => new()
    {
        EventId = id,
        EventType = type,
        OccurredAt = at,
        Source = "pos-0001",
        SchemaVersion = 1,
        StoreId = store,
        ProductId = product,
        Quantity = qty,
        Price = price,
        UserId = user,
        ItemId = item,
        OnHand = onHand,
        Payload = payload,
        PartitionId = "0",
        SequenceNumber = 1,
        EnqueuedAt = enqueued ?? at,
        IngestedAt = enqueued ?? at,
    };

    public static SilverEvent Silver(BronzeEvent e, string file = "bronze/events/date=2026-11-20/0-1-1.parquet") =>
        SilverTransforms.FromBronze(e, file, Ids, Calendar);

    public static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);
}
