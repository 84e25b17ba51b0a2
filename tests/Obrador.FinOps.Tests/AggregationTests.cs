using Obrador.FinOps.Aggregation;
using Obrador.FinOps.Normalisation;

namespace Obrador.FinOps.Tests;

public sealed class AggregationTests
{
    private static CostRecord Row(string sub, string rg, string service, string id, int day, decimal cost, string? app = null) => new()
    {
        BilledCost = cost,
        EffectiveCost = cost,
        ListCost = cost * 2,
        ChargePeriodStart = new DateTime(2024, 1, day, 0, 0, 0, DateTimeKind.Utc),
        ChargePeriodEnd = new DateTime(2024, 1, day + 1, 0, 0, 0, DateTimeKind.Utc),
        BillingCurrency = "USD",
        SubAccountId = sub,
        ResourceGroup = rg,
        ServiceName = service,
        ResourceId = id,
        Tags = app is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Application"] = app },
    };

    [Fact]
    public void DailyCostAggregator_KnownRows_SumsEachDimension()
    {
        var aggregator = new DailyCostAggregator();
        aggregator.AddRange(
        [
            Row("s1", "RG-A", "VM", "/r/1", 1, 1.10m, "shop"),
            Row("s1", "rg-a", "VM", "/R/1", 1, 2.20m, "shop"),
            Row("s1", "rg-b", "Storage", "/r/2", 1, 0.05m),
            Row("s2", "rg-a", "VM", "/r/3", 2, 10m, "pos"),
        ]);

        var rows = aggregator.Build();

        decimal Cost(CostDimension d, string scope, int day) => rows.Single(r => r.Dimension == d && r.Scope == scope && r.Date.Day == day).EffectiveCost;
        Assert.Equal(3.35m, Cost(CostDimension.Subscription, "s1", 1));
        Assert.Equal(3.30m, Cost(CostDimension.ResourceGroup, "s1/rg-a", 1));
        Assert.Equal(10m, Cost(CostDimension.ResourceGroup, "s2/rg-a", 2));
        Assert.Equal(3.30m, Cost(CostDimension.Resource, "/r/1", 1));
        Assert.Equal(3.30m, Cost(CostDimension.Service, "VM", 1));
        Assert.Equal(3.30m, Cost(CostDimension.Tag, "application=shop", 1));
        Assert.Equal(0.05m, Cost(CostDimension.Tag, "application=(untagged)", 1));
        Assert.Equal(3.35m, Cost(CostDimension.Total, "_all", 1));
        Assert.Equal(6.70m, rows.Single(r => r.Dimension == CostDimension.Total && r.Date.Day == 1).ListCost);
        Assert.Equal(3, rows.Single(r => r.Dimension == CostDimension.Total && r.Date.Day == 1).Rows);
        Assert.True(aggregator.Reconcile().Reconciled);
    }

    [Fact]
    public void DailyCostAggregator_RealExports_ReconcileToTheCentAgainstRawColumns()
    {
        foreach (var path in new[] { SharedData.FocusSample, SharedData.EaActual, SharedData.EaAmortized })
        {
            var source = BillingCsvReader.ReadFile(path);
            var aggregator = new DailyCostAggregator();
            aggregator.AddRange(source.Records);

            var reconciliation = aggregator.Reconcile(source.SourceEffectiveCost);

            Assert.True(reconciliation.Reconciled, path);
            Assert.Equal(0m, reconciliation.MaxDifference);
            Assert.True(reconciliation.GoldTotal.Count >= 9);
        }
    }

    [Fact]
    public void DailyCostAggregator_WrongSourceTotal_IsNotReconciled()
    {
        var aggregator = new DailyCostAggregator();
        aggregator.Add(Row("s", "rg", "VM", "/r", 1, 1m));

        var reconciliation = aggregator.Reconcile(new Dictionary<string, decimal> { ["USD"] = 1.01m });

        Assert.False(reconciliation.Reconciled);
        Assert.Equal(0.01m, reconciliation.MaxDifference);
    }

    [Fact]
    public void DailyCostAggregator_CombinedPartitions_EqualOnePass()
    {
        var records = BillingCsvReader.ReadFile(SharedData.FocusSample).Records;
        var whole = new DailyCostAggregator();
        whole.AddRange(records);
        var left = new DailyCostAggregator();
        var right = new DailyCostAggregator();
        left.AddRange(records.Take(400));
        right.AddRange(records.Skip(400));

        left.Combine(right);

        Assert.Equal(whole.Build(), left.Build());
    }

    [Fact]
    public void DailyCostSeries_Build_FillsMissingDaysWithZeroAndSetsParent()
    {
        var aggregator = new DailyCostAggregator();
        aggregator.AddRange([Row("s1", "a", "VM", "/1", 1, 1m), Row("s1", "a", "VM", "/1", 3, 3m), Row("s2", "a", "VM", "/2", 2, 5m)]);

        var series = DailyCostSeries.Build(aggregator.Build(), CostDimension.Subscription);

        Assert.Equal(2, series.Count);
        Assert.Equal([1.0, 0.0, 3.0], series[0].Values);
        Assert.Equal([1.0, 5.0, 3.0], series[0].ParentValues!);
        Assert.Equal(new DateOnly(2024, 1, 1), series[0].Start);
    }
}
