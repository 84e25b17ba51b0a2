using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Tests.Fakes;

namespace Obrador.Pipeline.Tests.Orchestration;

/// <summary>Kill the run at a random storage write (many seeds), restart, and check the run's invariants.</summary>
public sealed class FaultInjectionTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 60; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task LocalRun_KilledAtRandomWrite_ResumesToExactlyOnceOutputsAndNeverMixesVersions(int seed)
    {
        var h = new PipelineHarness();
        await h.SeedOldVersionAsync();
        var run = RunIds.Create(PipelineHarness.Start);
        var totalWrites = await CountWritesAsync();
        var random = new Random(seed);
        var plan = new FaultPlan(random.Next(1, totalWrites + 1));
        var landFirst = random.Next(2) == 0;

        var crashed = await Assert.ThrowsAsync<SimulatedCrashException>(() =>
            h.Runner(new FaultyObjectStore(h.Lake, plan, landFirst), new FaultyTableStore(h.Tables, plan, landFirst)).RunAsync(run));
        Assert.NotNull(crashed);
        await h.AssertServingConsistentAsync(run.ServingVersion);

        var report = await h.Runner().RunAsync(run);

        Assert.True(report.Succeeded, report.Summary.Error);
        Assert.Equal(run.ServingVersion, await h.AssertServingConsistentAsync(run.ServingVersion));
        foreach (var stage in h.Stages)
        {
            var planned = await h.Runner().Ledger.GetPlanAsync(run.RunId, stage.Name);
            var records = report.Stages.Where(s => s.Stage == stage.Name).ToList();
            Assert.Equal(planned!.Order(StringComparer.Ordinal), records.Select(r => r.Partition).Order(StringComparer.Ordinal));
            Assert.All(records, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        }

        var objects = h.Lake.Snapshot();
        foreach (var stage in h.Stages.OfType<SyntheticLakeStage>())
        {
            var planned = (await h.Runner().Ledger.GetPlanAsync(run.RunId, stage.Name))!;
            var files = objects.Keys.Where(k => k.StartsWith($"gold/test/{run.RunId}/{stage.Name}/", StringComparison.Ordinal)).ToList();
            Assert.Equal(planned.Count * (int)report.Stages.First(s => s.Stage == stage.Name).Rows, files.Count);
        }
    }

    private static async Task<int> CountWritesAsync()
    {
        var h = new PipelineHarness();
        await h.SeedOldVersionAsync();
        var plan = new FaultPlan(int.MaxValue);
        await h.Runner(new FaultyObjectStore(h.Lake, plan, false), new FaultyTableStore(h.Tables, plan, false)).RunAsync(RunIds.Create(PipelineHarness.Start));
        return plan.Writes;
    }
}
