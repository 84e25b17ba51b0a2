using System.Text.Json;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Models;
using Obrador.Pipeline.Registry;

namespace Obrador.Pipeline.Tests.Models;

/// <summary>The model stages end to end on the embedded adapters: real engines, real serving rows.</summary>
public sealed partial class ModelStagesTests(ModelPipelineFixture f) : IClassFixture<ModelPipelineFixture>
{
    private string V => f.Run.ServingVersion;

    [Fact]
    public void Run_NightlyWithModelStages_SucceedsAndRunsEveryWorkload()
    {
        Assert.True(f.Report.Succeeded, f.Report.Summary.Error + " | " + string.Join(" ; ", f.Report.Stages.Select(s => $"{s.Stage}/{s.Partition}:{s.Status}:{s.Rows}:{s.Error}:{string.Join(",", s.Warnings)}")) + " | " + f.Report.Summary.Status);
        foreach (var stage in new[] { "train", "evaluate", "score" })
        {
            var partitions = f.Report.Stages.Where(s => s.Stage == stage).Select(s => s.Partition).Order(StringComparer.Ordinal).ToList();
            Assert.Equal([ModelStages.FinOps, ModelStages.Forecasting, ModelStages.Recommendations], partitions);
        }

        Assert.Contains(f.Report.Stages, s => s.Stage == "publish");
    }

    [Fact]
    public async Task Publish_AfterScore_PointsServingAtTheRunVersion()
    {
        var pointer = await f.Backend.Tables.GetAsync(ServingTables.ServingVersion, "serving", "current");
        Assert.Equal(V, pointer?.GetString("Version"));
    }

    [Fact]
    public async Task Score_Forecasts_EveryHorizonForKnownSeriesWithOrderedFiniteQuantiles()
    {
        var rows = await f.RowsAsync(ServingTables.Forecasts, ServingTables.VersionedKey(V, "S1"));
        var croissant = rows.Where(r => r.RowKey.StartsWith("CROISSANT|", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, croissant.Count);
        Assert.Equal(["CROISSANT|01|2026-09-29", "CROISSANT|07|2026-10-05", "CROISSANT|28|2026-10-26"], croissant.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        foreach (var r in rows)
        {
            var (p10, p50, p90) = (r.GetDouble("P10")!.Value, r.GetDouble("P50")!.Value, r.GetDouble("P90")!.Value);
            Assert.True(double.IsFinite(p10) && double.IsFinite(p50) && double.IsFinite(p90), r.RowKey);
            Assert.True(p10 <= p50 && p50 <= p90, $"{r.RowKey}: {p10} {p50} {p90}");
            Assert.False(string.IsNullOrEmpty(r.GetString("ModelVersion")));
            Assert.NotNull(r.GetDateTimeOffset("GeneratedAt"));
        }

        // Every store × product × horizon.
        Assert.Equal(ModelBronzeFixture.Products.Length * 3, rows.Count);
        Assert.Equal(ModelBronzeFixture.Products.Length * 3, (await f.RowsAsync(ServingTables.Forecasts, ServingTables.VersionedKey(V, "S2"))).Count);

        // Croissant in s1 sells 30 × weekday factor ± 3 a day; D+1 is a Tuesday (factor 1.0).
        var croissantH1 = croissant.Single(r => r.RowKey.Contains("|01|", StringComparison.Ordinal)).GetDouble("P50")!.Value;
        Assert.InRange(croissantH1, 20, 45);
    }

    [Fact]
    public async Task Score_ForecastAccuracy_AllAndPerStoreRowsPerHorizon()
    {
        var all = await f.RowsAsync(ServingTables.ForecastAccuracy, ServingTables.VersionedKey(V, "_all"));
        var store = await f.RowsAsync(ServingTables.ForecastAccuracy, ServingTables.VersionedKey(V, "S1"));
        Assert.Contains(all, r => r.RowKey.EndsWith("|01", StringComparison.Ordinal));
        Assert.Equal(all.Select(r => r.RowKey).Order(StringComparer.Ordinal), store.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        // wMAPE is in percent; the generated series carry ±3 units of noise on 20–70 units a day.
        Assert.All(all, r => Assert.InRange(r.GetDouble("WMAPE")!.Value, 0, 100));
        Assert.InRange(all.Single(r => r.RowKey == "seasonal_naive|01").GetDouble("WMAPE")!.Value, 0.5, 15);
        var pooled = store.Single(r => r.RowKey == "seasonal_naive|01").GetDouble("WMAPE")!.Value;
        Assert.InRange(pooled, 0.25, 30);
        Assert.All(store, r => Assert.True(r.GetDouble("MAE") >= 0));
    }

    [Fact]
    public async Task Score_Recommendations_NonEmptyAndExcludePurchasedItems()
    {
        var user = "u007";
        var row = await f.Backend.Tables.GetAsync(ServingTables.Recommendations, ServingTables.VersionedKey(V, user), "top");
        Assert.NotNull(row);
        Assert.Equal("personalized", row.GetString("Source"));
        using var doc = JsonDocument.Parse(row.GetString("Items")!);
        var items = doc.RootElement.EnumerateArray().Select(e => (Id: e.GetProperty("id").GetString()!, Score: e.GetProperty("score").GetDouble())).ToList();
        Assert.NotEmpty(items);
        Assert.True(items.Count <= new ModelStageOptions().TopN);
        Assert.DoesNotContain(items, i => f.Purchased[user].Contains(i.Id.ToLowerInvariant()));
        Assert.All(items, i => Assert.StartsWith("I0", i.Id, StringComparison.Ordinal));
        Assert.Equal(items.OrderByDescending(i => i.Score).Select(i => i.Id), items.Select(i => i.Id));
    }

    [Fact]
    public async Task Score_SimilarAndTrending_WrittenForItemsAndWindows()
    {
        var similar = await f.Backend.Tables.GetAsync(ServingTables.SimilarItems, ServingTables.VersionedKey(V, "I003"), "similar");
        Assert.NotNull(similar);
        Assert.Contains(similar.GetString("Source"), new[] { "collaborative", "content" });
        Assert.DoesNotContain("\"I003\"", similar.GetString("Items")!, StringComparison.Ordinal);
        foreach (var window in new[] { "1d", "7d", "30d" })
        {
            Assert.NotNull(await f.Backend.Tables.GetAsync(ServingTables.Trending, ServingTables.VersionedKey(V, window), "_all"));
        }

        Assert.NotNull(await f.Backend.Tables.GetAsync(ServingTables.Trending, ServingTables.VersionedKey(V, "30d"), "pastry"));
    }

    [Fact]
    public async Task Score_InjectedCostSpike_RecordedAsNewAnomalyAndLoggedWhenCritical()
    {
        var rows = await f.RowsAsync(ServingTables.CostAnomalies, "2026-09");
        var spike = rows.Where(r => r.GetString("Date") == ModelBronzeFixture.Day(ModelBronzeFixture.SpikeDay) && r.GetString("Kind") == "spike").ToList();
        Assert.Contains(spike, r => r.GetString("Scope") == "sub-b");
        Assert.All(spike, r => Assert.True(r.GetDouble("Actual") > r.GetDouble("ExpectedHigh")));
        Assert.All(rows, r => Assert.Equal("new", r.GetString("Status")));
        var critical = spike.Where(r => r.GetString("Severity") == "critical").ToList();
        Assert.NotEmpty(critical);
        Assert.Contains(f.Logger.Entries, e => e.Template.StartsWith("CostAnomalyCritical", StringComparison.Ordinal) && e.Message.Contains(critical[0].RowKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Score_CostForecastsAndTagSuggestions_WrittenPerScope()
    {
        var sub = await f.RowsAsync(ServingTables.CostForecasts, ServingTables.VersionedKey(V, "sub-b"));
        var summary = Assert.Single(sub, r => r.RowKey == "_summary");
        Assert.Equal(20, summary.GetDouble("Budget"));
        Assert.True(summary.GetDouble("EndOfMonth") > 0);
        Assert.True(sub.Count > 28);
        Assert.All(sub.Where(r => r.RowKey != "_summary"), r => Assert.True(r.GetDouble("P10") <= r.GetDouble("P50") && r.GetDouble("P50") <= r.GetDouble("P90")));
        Assert.NotEmpty(await f.RowsAsync(ServingTables.CostForecasts, ServingTables.VersionedKey(V, "all")));

        var tags = (await f.RowsAsync(ServingTables.TagSuggestions, ServingTables.VersionedKey(V, "sub-a")))
            .Concat(await f.RowsAsync(ServingTables.TagSuggestions, ServingTables.VersionedKey(V, "sub-b"))).ToList();
        Assert.NotEmpty(tags);
        Assert.All(tags, t => Assert.InRange(t.GetDouble("Confidence")!.Value, 0, 1));
        // The untagged lake account in sub-b shares its group, service and subscription with tagged resources owned by data-team.
        Assert.Contains(tags, t => t.GetString("ResourceId")!.EndsWith("lakeb2", StringComparison.Ordinal) && t.GetString("Tag") == "owner" && t.GetString("Value") == "data-team");
        // Never suggest a tag a resource already carries: the fully tagged SQL server gets nothing.
        Assert.DoesNotContain(tags, t => t.GetString("ResourceId") == ModelBronzeFixture.SpikeResource);
    }

    [Fact]
    public async Task Evaluate_FirstModels_ChampionPerFamilyWithMetrics()
    {
        var registry = new ModelRegistry(f.Backend.Objects, f.Backend.Tables);
        foreach (var (name, metric) in new[] { ("sales-forecast", "wmape"), ("recommender", "ndcg"), ("finops", "compliance_after") })
        {
            var champion = await registry.GetChampionAsync(name);
            Assert.NotNull(champion);
            Assert.Equal(V, champion.Version);
            Assert.True(double.IsFinite(champion.Metrics[metric]), $"{name}.{metric}");
            var row = await f.Backend.Tables.GetAsync(ServingTables.Models, name, V);
            Assert.Equal(ModelRole.Champion, row?.GetString("Role"));
            Assert.Contains(metric, row?.GetString("Metrics"), StringComparison.Ordinal);
        }

        var recs = await registry.GetManifestAsync("recommender", V);
        Assert.InRange(recs!.Metrics["ndcg"], 0, 1);
        Assert.InRange(recs.Metrics["coverage"], 0, 1);
        var finops = await registry.GetManifestAsync("finops", V);
        Assert.True(finops!.Metrics["compliance_after"] >= finops.Metrics["compliance_before"]);
    }

    [Fact]
    public async Task Rerun_SameStages_SameRowCountsAndOperatorStatusKept()
    {
        var anomaly = (await f.RowsAsync(ServingTables.CostAnomalies, "2026-09")).First();
        await f.Backend.Tables.UpsertAsync(ServingTables.CostAnomalies, new TableEntity(anomaly.PartitionKey, anomaly.RowKey) { ["Status"] = "acknowledged" }, UpsertMode.Merge);
        var before = await CountsAsync();

        var ctx = f.Context();
        foreach (var stage in f.Stages)
        {
            foreach (var partition in await stage.PlanAsync(ctx, default))
            {
                var first = f.Report.Stages.Single(s => s.Stage == stage.Name && s.Partition == partition);
                var again = await stage.ExecuteAsync(ctx, partition, default);
                Assert.Equal(first.Rows, again.Rows);
            }
        }

        Assert.Equal(before, await CountsAsync());
        var kept = await f.Backend.Tables.GetAsync(ServingTables.CostAnomalies, anomaly.PartitionKey, anomaly.RowKey);
        Assert.Equal("acknowledged", kept?.GetString("Status"));

        // The next night's model on the same gold is no better: it stays challenger, the champion stays.
        var next = f.Run with { ScheduledAt = f.Run.ScheduledAt.AddDays(1), RunId = f.Run.RunId + "-next" };
        var nextCtx = new Obrador.Pipeline.Orchestration.StageContext(next, f.Backend.Objects, f.Backend.Tables, new Fakes.ManualClock(ModelPipelineFixture.Night.AddDays(1)), f.Logger, new Obrador.Pipeline.Orchestration.PipelineOptions());
        await f.Stages[0].ExecuteAsync(nextCtx, ModelStages.Recommendations, default);
        var decision = await f.Stages[1].ExecuteAsync(nextCtx, ModelStages.Recommendations, default);
        Assert.Contains(decision.Warnings, w => w.Contains("not promoted", StringComparison.Ordinal));
        var registry = new ModelRegistry(f.Backend.Objects, f.Backend.Tables);
        Assert.Equal(V, (await registry.GetChampionAsync("recommender"))?.Version);
        Assert.Equal(ModelRole.Challenger, (await f.Backend.Tables.GetAsync(ServingTables.Models, "recommender", next.ServingVersion))?.GetString("Role"));
    }

    private async Task<Dictionary<string, int>> CountsAsync()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        async Task Add(string table, IEnumerable<string> pks)
        {
            foreach (var pk in pks)
            {
                counts[table] = counts.GetValueOrDefault(table) + (await f.RowsAsync(table, pk)).Count;
            }
        }

        await Add(ServingTables.Forecasts, ModelBronzeFixture.Stores.Select(s => ServingTables.VersionedKey(V, s.ToUpperInvariant())));
        await Add(ServingTables.ForecastAccuracy, ModelBronzeFixture.Stores.Select(s => s.ToUpperInvariant()).Append("_all").Select(s => ServingTables.VersionedKey(V, s)));
        await Add(ServingTables.Recommendations, f.Purchased.Keys.Select(u => ServingTables.VersionedKey(V, u)));
        await Add(ServingTables.SimilarItems, Enumerable.Range(0, 40).Select(i => ServingTables.VersionedKey(V, $"I{i:D3}")));
        await Add(ServingTables.Trending, new[] { "1d", "7d", "30d" }.Select(w => ServingTables.VersionedKey(V, w)));
        await Add(ServingTables.CostForecasts, new[] { "sub-a", "sub-b", "all" }.Select(s => ServingTables.VersionedKey(V, s)));
        await Add(ServingTables.CostAnomalies, ["2026-07", "2026-08", "2026-09"]);
        await Add(ServingTables.TagSuggestions, new[] { "sub-a", "sub-b" }.Select(s => ServingTables.VersionedKey(V, s)));
        await Add(ServingTables.Models, ["sales-forecast", "recommender", "finops"]);
        return counts;
    }
}
