using System.Globalization;
using System.Text.Json;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Tests.Etl;

namespace Obrador.Pipeline.Tests.Models;

/// <summary>
/// Generated bronze for the model stages, written the way ingestion writes it (see <see cref="BronzeFixture"/>):
/// till sales of 2 stores × 4 products over 120 days with a weekly pattern and noise, purchases of 60 users over 40
/// catalog items in 4 categories, and 90 days of billing for 2 subscriptions × 27 resources (2 with missing tags) with one injected cost spike
/// (amounts in hundreds of EUR: bronze billing decimals are (38, 28), so a cost must stay under ~7.9 to be readable).
/// </summary>
internal static class ModelBronzeFixture
{
    public static readonly DateOnly SalesStart = new(2026, 6, 1);
    public static readonly DateOnly SalesEnd = new(2026, 9, 28);
    public static readonly DateOnly SpikeDay = new(2026, 9, 25);
    public static readonly string[] Stores = ["s1", "s2"];
    public static readonly string[] Products = ["baguette", "croissant", "pain-choc", "tarte"];
    public const string SpikeResource = "/subscriptions/sub-b/resourcegroups/rg-data/providers/microsoft.sql/servers/sql-b1";

    public static async Task<Dictionary<string, HashSet<string>>> WriteAsync(IObjectStore lake)
    {
        var rng = new Random(20261121);
        var events = new List<BronzeEvent>();
        long seq = 0;
        for (var d = SalesStart; d <= SalesEnd; d = d.AddDays(1))
        {
            var weekly = d.DayOfWeek switch { DayOfWeek.Saturday => 1.6, DayOfWeek.Sunday => 1.3, DayOfWeek.Monday => 0.7, _ => 1.0 };
            foreach (var (store, si) in Stores.Select((s, i) => (s, i)))
            {
                foreach (var (product, pi) in Products.Select((p, i) => (p, i)))
                {
                    var units = Math.Max(0, Math.Round(((20 + (10 * pi)) * (1 + (0.3 * si)) * weekly) + (rng.NextDouble() * 6) - 3));
                    var at = new DateTimeOffset(d.ToDateTime(new TimeOnly(9, 30 + pi)), TimeSpan.Zero);
                    events.Add(BronzeFixture.Event($"pos-{store}-{product}-{d:yyyyMMdd}", "pos_sale", at, seq++, store: store, product: product, qty: (decimal)units, price: 1.2m + pi, ticket: $"T{seq}"));
                }
            }
        }

        var purchased = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        string[] categories = ["bread", "pastry", "cake", "drink"];
        for (var u = 0; u < 60; u++)
        {
            var user = $"u{u:D3}";
            purchased[user] = [];
            var favourite = u % categories.Length;
            for (var k = 0; k < 10; k++)
            {
                // Users lean to one category: items of the same category co-occur, which the collaborative model learns.
                var item = rng.NextDouble() < 0.8 ? (favourite * 10) + rng.Next(10) : rng.Next(40);
                var id = $"i{item:D3}";
                purchased[user].Add(id);
                var day = new DateOnly(2026, 8, 1).AddDays(rng.Next(58));
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, rng.Next(60))), TimeSpan.Zero);
                var payload = "{\"data\":{\"description\":" + JsonSerializer.Serialize($"{categories[item / 10]} item {item}") + ",\"category\":\"" + categories[item / 10] + "\"}}";
                events.Add(BronzeFixture.Event($"buy-{user}-{k}", "purchase", at, seq++, user: user, item: id, qty: 1, price: 3m, payload: payload));
            }
        }

        foreach (var g in events.GroupBy(e => DateOnly.FromDateTime(e.EnqueuedAt.UtcDateTime)).OrderBy(g => g.Key))
        {
            var rows = g.OrderBy(e => e.SequenceNumber).ToList();
            await BronzeFixture.WriteAsync(lake, LakePaths.BronzeEvents(g.Key, "0", rows[0].SequenceNumber, rows[^1].SequenceNumber), rows);
        }

        await BronzeFixture.WriteAsync(lake, LakePaths.BronzeBilling("billing-export", "202609", "focus-export.csv", "\"0x1\""), Billing(rng));
        return purchased;
    }

    private static List<BronzeBillingRow> Billing(Random rng)
    {
        var rows = new List<BronzeBillingRow>();
        const string Web = "{\"owner\":\"web-team\",\"cost-center\":\"cc-100\",\"application\":\"shop\",\"environment\":\"prod\"}";
        const string Data = "{\"owner\":\"data-team\",\"cost-center\":\"cc-200\",\"application\":\"forecast\",\"environment\":\"prod\"}";
        var resources = new List<(string Sub, string Rg, string Name, string Service, string Tags, double Base)>
        {
            ("sub-b", "rg-data", "microsoft.sql/servers/sql-b1", "Azure SQL Database", Data, 0.50),
            ("sub-a", "rg-web", "microsoft.web/sites/shop-admin", "Azure App Service", "{\"owner\":\"web-team\",\"application\":\"shop\"}", 0.10),
            ("sub-b", "rg-data", "microsoft.storage/storageaccounts/lakeb2", "Storage", "{}", 0.15),
        };
        for (var k = 1; k <= 12; k++)
        {
            resources.Add(("sub-a", "rg-web", $"microsoft.web/sites/shop-web-{k:D2}", "Azure App Service", Web, 0.05 + (0.02 * k)));
            resources.Add(("sub-b", "rg-data", $"microsoft.storage/storageaccounts/lakeb1{k:D2}", "Storage", Data, 0.04 + (0.01 * k)));
        }

        var n = 0;
        for (var d = new DateOnly(2026, 7, 1); d <= SalesEnd; d = d.AddDays(1))
        {
            var weekly = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.8 : 1.0;
            foreach (var r in resources)
            {
                var id = $"/subscriptions/{r.Sub}/resourcegroups/{r.Rg}/providers/{r.Name}";
                var cost = r.Base * weekly * (1 + ((rng.NextDouble() - 0.5) * 0.06));
                if (d == SpikeDay && id == SpikeResource)
                {
                    cost *= 12;
                }

                var amount = decimal.Round((decimal)cost, 4);
                rows.Add(new BronzeBillingRow
                {
                    File = "focus-export.csv",
                    RowNumber = ++n,
                    SourceFormat = "focus",
                    CostType = "actual",
                    Scope = "billing-export",
                    Period = "202609",
                    Date = d,
                    Cost = amount,
                    EffectiveCost = amount,
                    Currency = "EUR",
                    Subscription = r.Sub,
                    SubscriptionName = r.Sub,
                    ResourceGroup = r.Rg,
                    ResourceId = id,
                    Service = r.Service,
                    Tags = r.Tags,
                    Columns = "{}",
                });
            }
        }

        return rows;
    }

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
