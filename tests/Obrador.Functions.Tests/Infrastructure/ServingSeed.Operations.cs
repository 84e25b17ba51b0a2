using System.Globalization;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Infrastructure;

/// <summary>FinOps rows from the FOCUS billing sample, and the run ledger and model registry.</summary>
internal sealed partial class ServingSeed
{
    private async Task SeedFinOpsAsync(ITableStore tables)
    {
        // FOCUS rows of September 2024, moved to November 2026 (the test clock) so the default date windows find them.
        var path = Path.Combine(RepoPaths.SharedData, "focus-sample", "focus_sample.csv");
        var daily = new Dictionary<string, SortedDictionary<int, double>>(StringComparer.Ordinal);
        var untagged = new Dictionary<string, List<(string Resource, string Service)>>(StringComparer.Ordinal);
        foreach (var f in CsvLines.Read(path))
        {
            var sub = f[41];
            if (!Obrador.Functions.Api.RequestValidation.IsValidId(sub) || !double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var cost))
            {
                continue;
            }

            var day = int.Parse(f[12].AsSpan(8, 2), CultureInfo.InvariantCulture);
            var days = daily.TryGetValue(sub, out var d) ? d : daily[sub] = [];
            days[day] = days.GetValueOrDefault(day) + cost;
            if (f[43] is "NULL" or "" or "{}")
            {
                (untagged.TryGetValue(sub, out var u) ? u : untagged[sub] = []).Add((f[33], f[38]));
            }
        }

        var generated = PublishedAt.AddMinutes(-10);
        foreach (var (sub, days) in daily.Where(kv => kv.Value.Count >= 3).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Subscriptions.Add(sub);
            var pk = ServingTables.VersionedKey(Version, sub);
            var mean = days.Values.Average();
            for (var i = 0; i < 9; i++)
            {
                var date = new DateOnly(2026, 11, 22).AddDays(i);
                await tables.UpsertAsync(ServingTables.CostForecasts, new TableEntity(pk, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                {
                    ["P10"] = mean * 0.8, ["P50"] = mean, ["P90"] = mean * 1.25,
                });
            }

            await tables.UpsertAsync(ServingTables.CostForecasts, new TableEntity(pk, "_summary")
            {
                ["EndOfMonth"] = mean * 30, ["Budget"] = Math.Ceiling(mean * 28), ["BudgetUsed"] = mean * 30 / Math.Ceiling(mean * 28),
            });

            var sd = Math.Sqrt(days.Values.Select(x => (x - mean) * (x - mean)).Average());
            foreach (var (day, cost) in days.Where(kv => kv.Value > mean + sd).OrderBy(kv => kv.Key))
            {
                var score = sd > 0 ? (cost - mean) / sd : 0;
                var severity = score > 3 ? "critical" : score > 2 ? "high" : score > 1.5 ? "medium" : "low";
                var id = $"a-{sub}-{day:D2}";
                Anomalies.Add(("2026-11", id, severity));
                await tables.UpsertAsync(ServingTables.CostAnomalies, new TableEntity("2026-11", id)
                {
                    ["Scope"] = sub, ["Date"] = $"2026-11-{day:D2}", ["Actual"] = cost, ["ExpectedLow"] = Math.Max(0, mean - sd), ["ExpectedHigh"] = mean + sd,
                    ["Impact"] = cost - (mean + sd), ["Score"] = score, ["Severity"] = severity, ["Kind"] = "spike", ["Status"] = "open",
                });
            }

            var resources = untagged.GetValueOrDefault(sub) ?? [];
            var rank = 0;
            foreach (var (resource, service) in resources.DistinctBy(r => r.Resource).Take(40))
            {
                var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(resource)))[..16];
                await tables.UpsertAsync(ServingTables.TagSuggestions, new TableEntity(pk, key + "|CostCenter")
                {
                    ["ResourceId"] = resource, ["Tag"] = "CostCenter", ["Value"] = service.Contains("Storage", StringComparison.Ordinal) ? "data-platform" : "shop-frontend",
                    ["Confidence"] = Math.Round(0.95 - (0.02 * rank++), 2),
                });
            }
        }
    }

    private static async Task SeedLedgerAsync(ITableStore tables)
    {
        var runs = new[] { ("r20261119T020000Z", "succeeded"), ("r20261120T020000Z", "failed"), (RunId, "succeeded") };
        var day = 0;
        foreach (var (id, status) in runs)
        {
            var started = new DateTimeOffset(2026, 11, 19 + day++, 2, 0, 0, TimeSpan.Zero);
            await tables.UpsertAsync(ServingTables.Runs, new TableEntity("run", id)
            {
                ["Status"] = status, ["StartedAt"] = started, ["DurationMs"] = 1_200_000L, ["Rows"] = 1_254_000L,
                ["Error"] = status == "failed" ? "quality.gate: 3 critical checks failed" : null,
            });
            foreach (var stage in new[] { "etl.silver|2026-11-18", "etl.gold|_", "quality.gate|_", "train|sales", "publish|_" })
            {
                await tables.UpsertAsync(ServingTables.Runs, new TableEntity(id, stage)
                {
                    ["Status"] = "succeeded", ["StartedAt"] = started, ["DurationMs"] = 60_000L, ["Rows"] = 250_000L,
                    ["Quality"] = stage.StartsWith("quality", StringComparison.Ordinal) ? "{\"checks\":12,\"failed\":0}" : null,
                });
            }
        }

        foreach (var (version, role, trained) in new[] { ("2", "retired", 18), ("3", "champion", 20), ("4", "challenger", 21) })
        {
            await tables.UpsertAsync(ServingTables.Models, new TableEntity("sales-forecast", version)
            {
                ["Role"] = role, ["TrainedAt"] = new DateTimeOffset(2026, 11, trained, 3, 0, 0, TimeSpan.Zero), ["Metrics"] = "{\"wmape\":0.21,\"mase\":0.84}",
            });
        }
    }
}
