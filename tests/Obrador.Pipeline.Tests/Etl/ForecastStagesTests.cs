using Obrador.Forecasting;
using Obrador.Forecasting.Backtesting;
using Obrador.Lake.Serving;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Registry;
using Obrador.Pipeline.Serving;
using Obrador.Pipeline.Stages.Models;
using Obrador.Pipeline.Tests.Fakes;

namespace Obrador.Pipeline.Tests.Etl;

public sealed class ForecastStagesTests
{
    private static readonly DateTimeOffset Night = new(2022, 10, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_BakeryUploadThroughTrainPromoteScorePublish_ServesChampionForecasts()
    {
        // The French bakery's last 120 days for its 8 best-selling articles.
        var (path, all) = BronzeFixture.BakeryUpload();
        var top = all.GroupBy(r => r.ProductId).OrderByDescending(g => g.Sum(r => r.Units)).Take(8).Select(g => g.Key).ToHashSet();
        var lake = new MemoryObjectStore();
        await BronzeFixture.WriteAsync(lake, path, all.Where(r => top.Contains(r.ProductId) && r.Date >= new DateOnly(2022, 6, 2)).ToList());
        var tables = new MemoryTableStore();
        var engine = new ForecastEngineOptions { Ets = null, Gbm = null, Backtest = new BacktestOptions { Origins = 3 } };
        var graph = DefaultPipeline.Create(
            new EtlOptions(),
            modelStages: [new ForecastTrainStage(engine), new PromoteStage(new Dictionary<string, Obrador.Pipeline.Registry.PromotionRule> { [ForecastTrainStage.Family] = new() }), new ForecastScoreStage()],
            requiredServingTables: [ServingTables.Forecasts, ServingTables.ForecastAccuracy]);
        var runner = new LocalPipelineRunner(graph, lake, tables, new ManualClock(Night), new PipelineOptions());

        var report = await runner.RunAsync(RunIds.Create(Night));

        Assert.True(report.Succeeded, report.Summary.Error);
        var version = report.Summary.Run.ServingVersion;
        Assert.Equal(version, (await new ServingPublisher(tables).GetCurrentAsync())!.Version);
        var champion = await new ModelRegistry(lake, tables).GetChampionAsync(ForecastTrainStage.Family);
        Assert.Equal(version, champion!.Version);
        Assert.Equal(new DateOnly(2022, 9, 30), champion.TrainingTo);
        Assert.Contains("wmape:" + champion.Parameters["model"], champion.Metrics.Keys);
        var forecasts = tables.All(ServingTables.Forecasts);
        Assert.Equal(8 * 3, forecasts.Count); // 8 series × horizons 1, 7, 28
        Assert.All(forecasts, f => Assert.StartsWith(version + "|FR-BAKERY", f.PartitionKey, StringComparison.Ordinal));
        Assert.All(forecasts, f => Assert.True(f.GetDouble("P10") <= f.GetDouble("P50") && f.GetDouble("P50") <= f.GetDouble("P90")));
        Assert.Contains(forecasts, f => f.RowKey.EndsWith("|01|2022-10-01", StringComparison.Ordinal));
        Assert.NotEmpty(tables.All(ServingTables.ForecastAccuracy));
    }
}
