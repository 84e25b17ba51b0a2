using System.Diagnostics;
using System.Globalization;
using System.Text;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Bench.Serving;

/// <summary>
/// Writes precomputed serving rows into the embedded store the way the publish stage does: one version, users
/// <c>u0…</c> with 20 recommended items each, items <c>i00000…</c> with 20 similar items, trending lists, and
/// 28 days × 3 horizons of forecasts per store and product. Seeded <see cref="Random"/>, so runs are comparable.
/// </summary>
internal static class ServingSeeder
{
    public const string Version = "vbench";

    public static async Task<TimeSpan> SeedAsync(ITableStore tables, int users, int items, int stores, int products, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var t in ServingTables.All)
        {
            await tables.CreateTableIfNotExistsAsync(t, ct);
        }

        var random = new Random(42);
        var generated = new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
        for (var u = 0; u < users; u++)
        {
            await tables.UpsertAsync(ServingTables.Recommendations, new TableEntity(ServingTables.VersionedKey(Version, "u" + u.ToString(CultureInfo.InvariantCulture)), "top")
            {
                ["Items"] = ItemsJson(random, items, 20),
                ["Source"] = "personalized",
                ["GeneratedAt"] = generated,
            }, UpsertMode.Replace, ct);
        }

        for (var i = 0; i < items; i++)
        {
            await tables.UpsertAsync(ServingTables.SimilarItems, new TableEntity(ServingTables.VersionedKey(Version, Item(i)), "similar")
            {
                ["Items"] = ItemsJson(random, items, 20),
                ["Source"] = "collaborative",
                ["GeneratedAt"] = generated,
            }, UpsertMode.Replace, ct);
        }

        foreach (var window in new[] { "1d", "7d", "30d" })
        {
            await tables.UpsertAsync(ServingTables.Trending, new TableEntity(ServingTables.VersionedKey(Version, window), "_all")
            {
                ["Items"] = ItemsJson(random, items, 100),
                ["GeneratedAt"] = generated,
            }, UpsertMode.Replace, ct);
        }

        var start = new DateOnly(2026, 11, 22);
        for (var s = 0; s < stores; s++)
        {
            var pk = ServingTables.VersionedKey(Version, "s" + s.ToString("D2", CultureInfo.InvariantCulture));
            var batch = new List<TableOperation>(100);
            for (var p = 0; p < products; p++)
            {
                foreach (var h in new[] { 1, 7, 28 })
                {
                    for (var d = 0; d < 28; d++)
                    {
                        var p50 = 5 + (random.NextDouble() * 40);
                        batch.Add(TableOperation.Replace(new TableEntity(pk, string.Create(CultureInfo.InvariantCulture, $"p{p:D3}|{h:D2}|{start.AddDays(d):yyyy-MM-dd}"))
                        {
                            ["P10"] = p50 * 0.7,
                            ["P50"] = p50,
                            ["P90"] = p50 * 1.3,
                            ["ModelVersion"] = "sales-forecast/1",
                            ["GeneratedAt"] = generated,
                        }));
                        if (batch.Count == 100)
                        {
                            await tables.SubmitBatchAsync(ServingTables.Forecasts, batch, ct);
                            batch = new List<TableOperation>(100);
                        }
                    }
                }
            }

            if (batch.Count > 0)
            {
                await tables.SubmitBatchAsync(ServingTables.Forecasts, batch, ct);
            }
        }

        await tables.UpsertAsync(ServingTables.ServingVersion, new TableEntity("serving", "current")
        {
            ["Version"] = Version,
            ["PublishedAt"] = DateTimeOffset.UtcNow,
        }, UpsertMode.Replace, ct);
        return Stopwatch.GetElapsedTime(started);
    }

    private static string Item(int i) => "i" + i.ToString("D5", CultureInfo.InvariantCulture);

    private static string ItemsJson(Random random, int items, int count)
    {
        var sb = new StringBuilder("[");
        var score = 1.0;
        for (var k = 0; k < count; k++)
        {
            score *= 0.9 + (random.NextDouble() * 0.09);
            sb.Append(k == 0 ? "" : ",").Append("{\"id\":\"").Append(Item(random.Next(items))).Append("\",\"score\":")
                .Append(Math.Round(score, 4).ToString(CultureInfo.InvariantCulture)).Append('}');
        }

        return sb.Append(']').ToString();
    }
}
