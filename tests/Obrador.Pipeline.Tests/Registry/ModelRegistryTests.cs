using System.Text;
using Obrador.Lake.Serving;
using Obrador.Pipeline.Registry;
using Obrador.Pipeline.Tests.Fakes;

namespace Obrador.Pipeline.Tests.Registry;

public sealed class ModelRegistryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 2, 30, 0, TimeSpan.Zero);

    private static ModelManifest Manifest(string version, double wmape, string backtest = "rolling-origin:2022-08-01..2022-09-30:h7") => new()
    {
        Name = "forecast-daily",
        Version = version,
        TrainedAt = Now,
        TrainingFrom = new DateOnly(2021, 1, 2),
        TrainingTo = new DateOnly(2022, 9, 30),
        RowCounts = new Dictionary<string, long> { ["gold/daily_sales"] = 93_412 },
        Parameters = new Dictionary<string, string> { ["seasonLength"] = "7" },
        CodeVersion = "0.1.0",
        Backtest = backtest,
        Metrics = new Dictionary<string, double> { ["wmape"] = wmape },
        Role = ModelRole.Challenger,
    };

    [Fact]
    public async Task RegisterAsync_WritesArtifactsManifestAndIndexRow()
    {
        var lake = new MemoryObjectStore();
        var tables = new MemoryTableStore();
        var registry = new ModelRegistry(lake, tables);

        await registry.RegisterAsync(Manifest("v1", 0.30), new Dictionary<string, byte[]> { ["model.bin"] = Encoding.UTF8.GetBytes("weights") });

        Assert.Equal("weights", Encoding.UTF8.GetString((await registry.GetArtifactAsync("forecast-daily", "v1", "model.bin"))!));
        var manifest = await registry.GetManifestAsync("forecast-daily", "v1");
        Assert.Equal(new[] { "model.bin" }, manifest!.Artifacts);
        Assert.Equal(93_412, manifest.RowCounts["gold/daily_sales"]);
        var row = tables.All(ServingTables.Models).Single();
        Assert.Equal(("forecast-daily", "v1", ModelRole.Challenger), (row.PartitionKey, row.RowKey, row.GetString("Role")));
        Assert.Contains("0.3", row.GetString("Metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_ChallengerWithinMargin_StaysChallenger_BetterOneIsPromoted_RollbackRestores()
    {
        var registry = new ModelRegistry(new MemoryObjectStore(), new MemoryTableStore());
        var rule = new PromotionRule { Metric = "wmape", RelativeMargin = 0.02 };
        await registry.RegisterAsync(Manifest("v1", 0.300), new Dictionary<string, byte[]>());
        Assert.True((await registry.EvaluateAsync("forecast-daily", "v1", rule, Now)).Promote);

        await registry.RegisterAsync(Manifest("v2", 0.297), new Dictionary<string, byte[]>());
        var close = await registry.EvaluateAsync("forecast-daily", "v2", rule, Now.AddDays(1));
        Assert.False(close.Promote);
        Assert.Contains("below margin", close.Reason, StringComparison.Ordinal);
        Assert.Equal("v1", (await registry.GetChampionAsync("forecast-daily"))!.Version);

        await registry.RegisterAsync(Manifest("v3", 0.25), new Dictionary<string, byte[]>());
        Assert.True((await registry.EvaluateAsync("forecast-daily", "v3", rule, Now.AddDays(2))).Promote);
        Assert.Equal("v3", (await registry.GetChampionAsync("forecast-daily"))!.Version);
        Assert.Equal(ModelRole.Retired, (await registry.GetManifestAsync("forecast-daily", "v1"))!.Role);

        Assert.Equal("v1", await registry.RollbackAsync("forecast-daily", Now.AddDays(3)));
        Assert.Equal("v1", (await registry.GetChampionAsync("forecast-daily"))!.Version);
        Assert.Equal(
            new[] { ("v1", ModelRole.Champion), ("v2", ModelRole.Challenger), ("v3", ModelRole.Retired) },
            await registry.ListAsync("forecast-daily"));
    }

    [Fact]
    public async Task RegisterAsync_NaNMetric_RoundTripsAndNeverWins()
    {
        var registry = new ModelRegistry(new MemoryObjectStore(), new MemoryTableStore());
        await registry.RegisterAsync(Manifest("v1", double.NaN), new Dictionary<string, byte[]>());

        var back = await registry.GetManifestAsync("forecast-daily", "v1");

        Assert.True(double.IsNaN(back!.Metrics["wmape"]));
        Assert.False((await registry.EvaluateAsync("forecast-daily", "v1", new PromotionRule(), Now)).Promote);
    }

    [Theory]
    [InlineData(0.30, 0.2930, 0.02, true)] // 2.33 % better
    [InlineData(0.30, 0.2939, 0.02, true)] // 2.03 % better
    [InlineData(0.30, 0.2941, 0.02, false)] // 1.97 % better
    [InlineData(0.30, 0.3000, 0.00, true)] // equal, no margin
    [InlineData(0.30, 0.3100, 0.00, false)] // worse
    [InlineData(0.30, double.NaN, 0.00, false)] // challenger without a metric never wins
    [InlineData(double.NaN, 0.50, 0.02, true)] // champion without a metric always loses
    public void Decide_RelativeMargin_Boundaries(double champion, double challenger, double margin, bool expected)
    {
        var decision = new PromotionRule { RelativeMargin = margin }.Decide(Manifest("v2", challenger), Manifest("v1", champion));

        Assert.Equal(expected, decision.Promote);
    }

    [Fact]
    public void Decide_DifferentBacktests_NeverPromotes()
    {
        var decision = new PromotionRule().Decide(Manifest("v2", 0.1), Manifest("v1", 0.9, backtest: "other"));

        Assert.False(decision.Promote);
        Assert.Contains("backtests differ", decision.Reason, StringComparison.Ordinal);
    }
}
