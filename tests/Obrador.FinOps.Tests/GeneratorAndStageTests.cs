using Obrador.FinOps.Aggregation;
using Obrador.FinOps.Anomalies;
using Obrador.FinOps.Forecast;
using Obrador.FinOps.Normalisation;
using Obrador.FinOps.Stages;
using Obrador.FinOps.Synthetic;

namespace Obrador.FinOps.Tests;

public sealed class GeneratorAndStageTests
{
    private static readonly GeneratorOptions Small = new() { Resources = 400, Days = 150, ResourcesPerGroup = 40, Seed = 5 };

    [Fact]
    public void CostDataGenerator_SameSeed_SameData()
    {
        var a = CostDataGenerator.Generate(SharedData.Templates, Small);
        var b = CostDataGenerator.Generate(SharedData.Templates, Small);

        Assert.Equal(a.Anomalies, b.Anomalies);
        Assert.Equal(a.Cost.SelectMany(c => c), b.Cost.SelectMany(c => c));
        Assert.Equal(a.Resources.Select(r => r.ResourceId), b.Resources.Select(r => r.ResourceId));
    }

    [Fact]
    public void CostDataGenerator_Anomalies_CoverAboutTenPercentOfScoredGroupDays()
    {
        var data = CostDataGenerator.Generate(SharedData.Templates, Small);
        var groups = data.Resources.Select(r => r.GroupScope).Distinct().Count();

        var covered = data.Anomalies.Sum(a => a.LastDay - a.FirstDay + 1);

        Assert.Equal(10, groups);
        Assert.InRange(covered / (double)(groups * (Small.Days - 35)), 0.08, 0.13);
        Assert.Equal(4, data.Anomalies.Select(a => a.Kind).Distinct().Count());
        Assert.All(data.Anomalies, a => Assert.True(a.FirstDay >= 35));
    }

    [Fact]
    public void CostDataGenerator_CleanOption_InjectsNothingAndUsesRealServiceNames()
    {
        var data = CostDataGenerator.Generate(SharedData.Templates, Small with { AnomalyShare = 0 });

        Assert.Empty(data.Anomalies);
        var realServices = SharedData.Templates.Select(t => t.ServiceName).ToHashSet();
        Assert.All(data.Resources, r => Assert.Contains(r.ServiceName, realServices));
        Assert.Contains(data.Resources, r => r.ObservedTags.Count < 4);
    }

    [Fact]
    public void FinOpsStages_SyntheticFocusRows_RunEndToEndAndReconcile()
    {
        var data = CostDataGenerator.Generate(SharedData.Templates, Small);
        var header = SyntheticCostData.FocusHeader;
        var rows = data.FocusRows().Select(v => (IReadOnlyDictionary<string, string>)header.Zip(v).ToDictionary(p => p.First, p => p.Second)).ToList();

        var silver = FinOpsStages.Normalise(header, rows);
        var gold = FinOpsStages.BuildDailyCost(silver.Records, silver.SourceEffectiveCost);
        var asOf = data.Start.AddDays(data.Days - 1);
        var anomalies = FinOpsStages.DetectAnomalies(gold.Rows, [CostDimension.ResourceGroup], asOf);
        var forecasts = FinOpsStages.Forecast(gold.Rows, CostDimension.Subscription, [new ScopeBudget(data.Resources[0].SubAccountId, 1m)]);
        var tags = FinOpsStages.SuggestTags(ResourceInventoryFromRecords(silver.Records));

        Assert.Empty(silver.Rejected);
        Assert.True(gold.Reconciliation.Reconciled);
        Assert.Equal(0m, gold.Reconciliation.MaxDifference);
        var injected = data.Anomalies.Count(a => a.Kind is AnomalyKind.Spike);
        Assert.True(anomalies.Count >= injected, $"{anomalies.Count} alerts for {data.Anomalies.Count} injected");
        Assert.All(anomalies, a => Assert.True(a.LastDate >= a.FirstDate));
        Assert.Equal(data.Resources.Select(r => r.SubAccountId).Distinct().Count(), forecasts.Count);
        Assert.Contains(forecasts, f => f.Alerts.Any(a => a.Threshold == 1.0));
        Assert.True(tags.Compliance.ShareAfter >= tags.Compliance.ShareBefore);
        Assert.NotEmpty(tags.Suggestions);
    }

    private static IReadOnlyList<Labelling.ResourceInventoryItem> ResourceInventoryFromRecords(IReadOnlyList<CostRecord> records) =>
        Labelling.ResourceInventoryItem.FromRecords(records);
}
