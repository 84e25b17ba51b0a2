using Obrador.FinOps.Labelling;
using Obrador.FinOps.Normalisation;

namespace Obrador.FinOps.Tests;

public sealed class InventoryTests
{
    private static CostRecord Row(string id, decimal cost, params (string K, string V)[] tags) => new()
    {
        BilledCost = cost,
        EffectiveCost = cost,
        ListCost = cost,
        ChargePeriodStart = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        ChargePeriodEnd = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc),
        BillingCurrency = "USD",
        ResourceId = id,
        Tags = tags.ToDictionary(t => t.K, t => t.V),
    };

    [Fact]
    public void ResourceInventoryBuilder_RowsOfOneResource_MergeTagsAndSumCost()
    {
        var builder = new ResourceInventoryBuilder();
        builder.Add(Row("/R/1", 1.5m, ("env", "prod")));
        builder.Add(Row("/r/1", 2m, ("owner", "ana")));
        builder.Add(Row("", 9m));

        var item = Assert.Single(builder.Build());

        Assert.Equal(3.5m, item.Cost);
        Assert.Equal("prod", item.Tags["env"]);
        Assert.Equal("ana", item.Tags["owner"]);
    }

    [Fact]
    public void ResourceInventoryBuilder_Combine_EqualsOnePass()
    {
        var rows = Enumerable.Range(0, 50).Select(i => Row($"/r/{i % 7}", i, ("k" + (i % 3), "v" + i))).ToList();
        var whole = new ResourceInventoryBuilder();
        rows.ForEach(whole.Add);
        var left = new ResourceInventoryBuilder();
        var right = new ResourceInventoryBuilder();
        rows.Take(20).ToList().ForEach(left.Add);
        rows.Skip(20).ToList().ForEach(right.Add);

        left.Combine(right);

        var a = whole.Build();
        var b = left.Build();
        Assert.Equal(a.Select(i => (i.ResourceId, i.Cost)), b.Select(i => (i.ResourceId, i.Cost)));
        Assert.Equal(a.Select(i => string.Join(",", i.Tags.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value))), b.Select(i => string.Join(",", i.Tags.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value))));
    }

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("2024-09-18 22:00:00", true)]
    [InlineData("2024-09-18 24:00:00", false)]
    [InlineData("09/18/2024", false)]
    [InlineData("2024-9-18", false)]
    public void TryParseIsoDate_Shapes_AcceptsOnlyValidIsoDates(string text, bool ok)
    {
        Assert.Equal(ok, BillingNormalizer.TryParseIsoDate(text, out var d));
        if (ok)
        {
            Assert.Equal(DateTimeKind.Utc, d.Kind);
        }
    }
}
