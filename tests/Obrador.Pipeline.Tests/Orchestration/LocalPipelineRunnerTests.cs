using Obrador.Lake.Serving;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Serving;
using Obrador.Pipeline.Tests.Fakes;

namespace Obrador.Pipeline.Tests.Orchestration;

public sealed class LocalPipelineRunnerTests
{
    [Fact]
    public async Task RunAsync_AllStagesSucceed_WritesOneRecordPerStagePartitionAndPublishes()
    {
        var h = new PipelineHarness();
        await h.SeedOldVersionAsync();
        var run = RunIds.Create(PipelineHarness.Start);

        var report = await h.Runner().RunAsync(run);

        Assert.True(report.Succeeded, report.Summary.Error);
        Assert.Equal(3 + 2 + 1 + 2 + 1 + 4 + 1, report.Stages.Count);
        Assert.All(report.Stages, s => Assert.Equal(RunStatus.Succeeded, s.Status));
        Assert.Equal(new[] { "silver", "gold", "quality-gate", "train", "promote", "score", "publish" }, report.Stages.Select(s => s.Stage).Distinct());
        Assert.Equal(PipelineHarness.RowsPerStore, report.Stages.Single(s => s.Stage == "score" && s.Partition == "S02").Rows);
        Assert.All(report.Stages, s => Assert.True(s.DurationMs > 0));
        var pointer = await new ServingPublisher(h.Tables).GetCurrentAsync();
        Assert.Equal(run.ServingVersion, pointer!.Version);
        Assert.Equal(PipelineHarness.OldVersion, pointer.Previous);
    }

    [Fact]
    public async Task RunAsync_StageFails_RunFailsThereAndResumeSkipsFinishedWork()
    {
        var h = new PipelineHarness();
        var run = RunIds.Create(PipelineHarness.Start);
        var fail = true;
        h.Stage("train").FailOn = p => fail && p == "recs" ? new InvalidOperationException("matrix not positive definite") : null;

        var first = await h.Runner().RunAsync(run);

        Assert.False(first.Succeeded);
        Assert.Equal("train", first.Summary.FailedStage);
        Assert.Contains("matrix not positive definite", first.Summary.Error, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, first.Stages.Single(s => s.Stage == "train" && s.Partition == "recs").Status);
        Assert.DoesNotContain(first.Stages, s => s.Stage == "score");
        Assert.Null(await new ServingPublisher(h.Tables).GetCurrentAsync());

        fail = false;
        var silverRuns = h.Stage("silver").Executions;
        var trainRuns = h.Stage("train").Executions;
        var second = await h.Runner().ResumeAsync(run.RunId);

        Assert.True(second.Succeeded, second.Summary.Error);
        Assert.Equal(1, second.Summary.Resumes);
        Assert.Equal(silverRuns, h.Stage("silver").Executions);
        Assert.Equal(trainRuns + 1, h.Stage("train").Executions);
        Assert.Equal(2, second.Stages.Single(s => s.Stage == "train" && s.Partition == "recs").Attempts);
    }

    [Fact]
    public async Task RunAsync_GateHalts_StopsBeforePublishAndKeepsYesterdaysVersion()
    {
        var h = new PipelineHarness();
        await h.SeedOldVersionAsync();
        var stages = h.Stages.Select(s => s.Name == "quality-gate" ? new HaltingStage("quality-gate") : s).ToArray();
        var runner = new LocalPipelineRunner(new PipelineGraph(stages), h.Lake, h.Tables, h.Clock, new PipelineOptions());

        var report = await runner.RunAsync(RunIds.Create(PipelineHarness.Start));

        Assert.Equal(RunStatus.Failed, report.Summary.Status);
        Assert.Equal("quality-gate", report.Summary.FailedStage);
        Assert.Equal("critical: daily_sales duplicate rate 12% > 1%", report.Summary.Error);
        Assert.Equal(RunStatus.Halted, report.Stages.Single(s => s.Stage == "quality-gate").Status);
        Assert.Equal(PipelineHarness.OldVersion, (await new ServingPublisher(h.Tables).GetCurrentAsync())!.Version);
        Assert.DoesNotContain(h.Tables.All(ServingTables.Forecasts), r => !r.PartitionKey.StartsWith(PipelineHarness.OldVersion, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SameRunTwice_SecondIsANoOp()
    {
        var h = new PipelineHarness();
        var run = RunIds.Create(PipelineHarness.Start);
        await h.Runner().RunAsync(run);
        var before = h.Lake.Snapshot();
        var executions = h.Stages.OfType<SyntheticLakeStage>().Sum(s => s.Executions);

        var again = await h.Runner().RunAsync(run);

        Assert.True(again.Succeeded);
        Assert.Equal(executions, h.Stages.OfType<SyntheticLakeStage>().Sum(s => s.Executions));
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), h.Lake.Snapshot().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RequiredServingTableMissing_PublishHaltsAndOldVersionStaysLive()
    {
        var h = new PipelineHarness();
        await h.SeedOldVersionAsync();
        var stages = h.Stages.Select(s => s.Name == "publish" ? new Stages.PublishStage([ServingTables.Forecasts, ServingTables.Recommendations]) : s);
        var runner = new LocalPipelineRunner(new PipelineGraph(stages), h.Lake, h.Tables, h.Clock, new PipelineOptions());

        var report = await runner.RunAsync(RunIds.Create(PipelineHarness.Start));

        Assert.Equal(("publish", RunStatus.Failed), (report.Summary.FailedStage, report.Summary.Status));
        Assert.Contains("no rows in Recommendations", report.Summary.Error, StringComparison.Ordinal);
        Assert.Equal(PipelineHarness.OldVersion, (await new ServingPublisher(h.Tables).GetCurrentAsync())!.Version);
    }

    private sealed class HaltingStage(string name) : IPipelineStage
    {
        public string Name => name;

        public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(["_all"]);

        public Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken) =>
            Task.FromResult(new StageOutcome { HaltReason = "critical: daily_sales duplicate rate 12% > 1%" });
    }
}
