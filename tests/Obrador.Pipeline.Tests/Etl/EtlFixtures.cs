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

    // A till event as the ETL tests need it: sequence 1, enqueued and ingested when it occurred.
    public static BronzeEvent Bronze(string id, string type, DateTimeOffset at, string? store = null, string? product = null, decimal? qty = null, decimal? price = null, string? user = null, string? item = null, DateTimeOffset? enqueued = null, decimal? onHand = null, string payload = "{}") =>
        BronzeFixture.Event(id, type, at, 1, store, product, qty, price, user, item, onHand: onHand, payload: payload, enqueued: enqueued ?? at) with { Source = "pos-0001" };

    public static SilverEvent Silver(BronzeEvent e, string file = "bronze/events/date=2026-11-20/0-1-1.parquet") =>
        SilverTransforms.FromBronze(e, file, Ids, Calendar);

    public static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);
}
