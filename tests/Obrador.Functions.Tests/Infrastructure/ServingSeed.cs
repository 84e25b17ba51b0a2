using System.Globalization;
using System.Text.Json;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Infrastructure;

/// <summary>
/// Seeds every serving table with rows derived from the shared real datasets: recommendations and similar items from
/// co-purchases in the UCI Online Retail transactions, forecasts from the French bakery's daily sales (seasonal
/// averages with a spread), and FinOps rows from the FOCUS billing sample.
/// </summary>
internal sealed partial class ServingSeed
{
    public const string Version = "v20261121T020000Z";
    public const string PreviousVersion = "v20261120T020000Z";
    public static readonly DateTimeOffset PublishedAt = new(2026, 11, 21, 2, 30, 0, TimeSpan.Zero);

    public List<string> Users { get; } = [];

    public List<string> Items { get; } = [];

    public List<string> Products { get; } = [];

    public List<string> Stores { get; } = ["S001", "S002"];

    public Dictionary<string, List<string>> RecommendationsByUser { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<string>> SimilarByItem { get; } = new(StringComparer.Ordinal);

    public List<string> Trending7d { get; } = [];

    public DateOnly ForecastStart { get; private set; }

    public List<string> Subscriptions { get; } = [];

    public List<(string Month, string Id, string Severity)> Anomalies { get; } = [];

    public const string RunId = "r20261121T020000Z";

    public static async Task<ServingSeed> SeedAsync(ITableStore tables)
    {
        foreach (var t in ServingTables.All)
        {
            await tables.CreateTableIfNotExistsAsync(t);
        }

        var seed = new ServingSeed();
        await seed.SeedRecommendationsAsync(tables);
        await seed.SeedForecastsAsync(tables);
        await seed.SeedFinOpsAsync(tables);
        await SeedLedgerAsync(tables);
        await tables.UpsertAsync(ServingTables.ServingVersion, new TableEntity("serving", "current")
        {
            ["Version"] = Version,
            ["Previous"] = PreviousVersion,
            ["PublishedAt"] = PublishedAt,
        });
        return seed;
    }

    private static string Json(IEnumerable<(string Id, double Score)> items) =>
        JsonSerializer.Serialize(items.Select(i => new { id = i.Id, score = Math.Round(i.Score, 4) }));

    private async Task SeedRecommendationsAsync(ITableStore tables)
    {
        var path = Path.Combine(RepoPaths.SharedData, "online-retail", "online_retail_first10000_clean.csv");
        var baskets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var byCustomer = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in CsvLines.Read(path))
        {
            var (invoice, item, customer) = (f[0], f[1], f[6]);
            if (!Obrador.Functions.Api.RequestValidation.IsValidId(item))
            {
                continue;
            }

            (baskets.TryGetValue(invoice, out var b) ? b : baskets[invoice] = new(StringComparer.Ordinal)).Add(item);
            counts[item] = counts.GetValueOrDefault(item) + 1;
            if (customer.Length > 0)
            {
                var id = "C" + customer.Split('.')[0];
                (byCustomer.TryGetValue(id, out var c) ? c : byCustomer[id] = new(StringComparer.Ordinal)).Add(item);
            }
        }

        var co = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var basket in baskets.Values.Where(b => b.Count <= 60))
        {
            foreach (var a in basket)
            {
                var row = co.TryGetValue(a, out var r) ? r : co[a] = new(StringComparer.Ordinal);
                foreach (var b in basket)
                {
                    if (a != b)
                    {
                        row[b] = row.GetValueOrDefault(b) + 1;
                    }
                }
            }
        }

        var generated = PublishedAt.AddMinutes(-20);
        foreach (var (item, row) in co.Where(kv => kv.Value.Count >= 3).OrderBy(kv => kv.Key, StringComparer.Ordinal).Take(400))
        {
            var top = row.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(30)
                .Select(kv => (kv.Key, (double)kv.Value / Math.Sqrt(counts[item] * counts[kv.Key]))).ToList();
            SimilarByItem[item] = top.Select(t => t.Key).ToList();
            Items.Add(item);
            await tables.UpsertAsync(ServingTables.SimilarItems, new TableEntity(ServingTables.VersionedKey(Version, item), "similar")
            {
                ["Items"] = Json(top),
                ["Source"] = "collaborative",
                ["GeneratedAt"] = generated,
            });
        }

        foreach (var (user, bought) in byCustomer.OrderBy(kv => kv.Key, StringComparer.Ordinal).Take(200))
        {
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var b in bought)
            {
                foreach (var (other, n) in co.GetValueOrDefault(b) ?? [])
                {
                    if (!bought.Contains(other))
                    {
                        scores[other] = scores.GetValueOrDefault(other) + n;
                    }
                }
            }

            var top = scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(50).Select(kv => (kv.Key, kv.Value)).ToList();
            if (top.Count < 5)
            {
                continue;
            }

            Users.Add(user);
            RecommendationsByUser[user] = top.Select(t => t.Key).ToList();
            await tables.UpsertAsync(ServingTables.Recommendations, new TableEntity(ServingTables.VersionedKey(Version, user), "top")
            {
                ["Items"] = Json(top),
                ["Source"] = "personalized",
                ["GeneratedAt"] = generated,
            });
        }

        var trending = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(100).Select(kv => (kv.Key, (double)kv.Value)).ToList();
        Trending7d.AddRange(trending.Select(t => t.Key));
        foreach (var window in new[] { "1d", "7d", "30d" })
        {
            await tables.UpsertAsync(ServingTables.Trending, new TableEntity(ServingTables.VersionedKey(Version, window), "_all")
            {
                ["Items"] = Json(trending),
                ["GeneratedAt"] = generated,
            });
        }

        await tables.UpsertAsync(ServingTables.Trending, new TableEntity(ServingTables.VersionedKey(Version, "7d"), "lights")
        {
            ["Items"] = Json(trending.Where(t => t.Key.StartsWith('2')).Take(20)),
            ["GeneratedAt"] = generated,
        });

        // The previous version knows a different, smaller trending list, so rollback is observable.
        await tables.UpsertAsync(ServingTables.Trending, new TableEntity(ServingTables.VersionedKey(PreviousVersion, "7d"), "_all")
        {
            ["Items"] = Json(trending.Skip(50).Take(10)),
            ["GeneratedAt"] = generated.AddDays(-1),
        });
    }

    private async Task SeedForecastsAsync(ITableStore tables)
    {
        var path = Path.Combine(RepoPaths.SharedData, "bakery-fr", "daily_sales_french_bakery.csv");
        var units = new Dictionary<string, SortedDictionary<DateOnly, double>>(StringComparer.Ordinal);
        foreach (var f in CsvLines.Read(path))
        {
            var product = f[0].Trim().Replace(' ', '_');
            var price = double.Parse(f[3], CultureInfo.InvariantCulture);
            var u = price > 0 ? double.Parse(f[2], CultureInfo.InvariantCulture) / price : 0;
            (units.TryGetValue(product, out var s) ? s : units[product] = []).Add(DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), u);
        }

        var chosen = units.Where(kv => Obrador.Functions.Api.RequestValidation.IsValidId(kv.Key)).OrderByDescending(kv => kv.Value.Values.Sum()).Take(12).ToList();
        var last = chosen.Max(kv => kv.Value.Keys.Max());
        ForecastStart = last.AddDays(1);
        foreach (var (store, scale) in new[] { ("S001", 1.0), ("S002", 0.6) })
        {
            var pk = ServingTables.VersionedKey(Version, store);
            foreach (var (product, series) in chosen)
            {
                var ops = new List<TableOperation>();
                foreach (var h in new[] { 1, 7, 28 })
                {
                    for (var d = 0; d < 28; d++)
                    {
                        var target = ForecastStart.AddDays(d);
                        var history = Enumerable.Range(1, 4).Select(w => series.GetValueOrDefault(target.AddDays(-7 * w - 7 * ((h - 1) / 7)))).ToList();
                        var p50 = history.Average() * scale;
                        var spread = (0.15 + (0.01 * h)) * Math.Max(p50, 1);
                        ops.Add(TableOperation.Replace(new TableEntity(pk, $"{product}|{h:D2}|{target:yyyy-MM-dd}")
                        {
                            ["P10"] = Math.Max(0, p50 - spread),
                            ["P50"] = p50,
                            ["P90"] = p50 + spread,
                            ["ModelVersion"] = "sales-forecast/3",
                            ["GeneratedAt"] = PublishedAt.AddMinutes(-40),
                        }));
                    }
                }

                foreach (var chunk in ops.Chunk(100))
                {
                    await tables.SubmitBatchAsync(ServingTables.Forecasts, chunk);
                }
            }

            foreach (var h in new[] { 1, 7, 28 })
            {
                await tables.UpsertAsync(ServingTables.ForecastAccuracy, new TableEntity(pk, $"sales-forecast|{h:D2}")
                {
                    ["MAE"] = 3.1 + h * 0.1, ["RMSE"] = 4.2 + h * 0.12, ["WMAPE"] = 0.18 + h * 0.004, ["Bias"] = -0.02, ["MASE"] = 0.81 + h * 0.01, ["Coverage"] = 0.79,
                });
            }
        }

        Products.AddRange(chosen.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        foreach (var h in new[] { 1, 7, 28 })
        {
            await tables.UpsertAsync(ServingTables.ForecastAccuracy, new TableEntity(ServingTables.VersionedKey(Version, "_all"), $"sales-forecast|{h:D2}")
            {
                ["MAE"] = 2.9, ["RMSE"] = 4.0, ["WMAPE"] = 0.2, ["Bias"] = 0.01, ["MASE"] = 0.85, ["Coverage"] = 0.8,
            });
        }
    }
}
