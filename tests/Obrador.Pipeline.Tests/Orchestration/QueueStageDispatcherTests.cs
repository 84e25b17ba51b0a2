using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Serving;
using Obrador.Pipeline.Tests.Fakes;

namespace Obrador.Pipeline.Tests.Orchestration;

public sealed class QueueStageDispatcherTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task HandleAsync_ShuffledDuplicatedRedeliveries_CompletesRunWithEachPartitionExecutedOnce(int seed)
    {
        var h = new PipelineHarness();
        await h.SeedOldVersionAsync();
        var dispatcher = h.Dispatcher();
        var random = new Random(seed);
        var queue = new List<StageMessage>(await dispatcher.StartNightlyAsync(PipelineHarness.Start));
        var handled = 0;

        while (queue.Count > 0)
        {
            var i = random.Next(queue.Count);
            var message = queue[i];
            queue.RemoveAt(i);
            var next = await dispatcher.HandleAsync(StageMessage.Parse(message.ToJson()), 1);
            handled++;
            queue.AddRange(next);
            if (random.NextDouble() < 0.3)
            {
                // At-least-once delivery: the host hands the same message (and its outputs) over again.
                queue.Add(message);
            }
        }

        var run = RunIds.Create(PipelineHarness.Start);
        var summary = await dispatcher.Ledger.GetRunAsync(run.RunId);
        Assert.Equal(RunStatus.Succeeded, summary!.Status);
        Assert.All(h.Stages.OfType<SyntheticLakeStage>(), s => Assert.Equal((int)(dispatcher.Ledger.GetPlanAsync(run.RunId, s.Name).Result!.Count), s.Executions));
        Assert.Equal(run.ServingVersion, await h.AssertServingConsistentAsync(run.ServingVersion));
        Assert.True(handled >= 14);
    }

    [Fact]
    public async Task HandleAsync_FailsOnLastDelivery_EndsRunFailedAndResumeEnqueuesFailedStage()
    {
        var h = new PipelineHarness();
        var options = new PipelineOptions { MaxDequeueCount = 3 };
        var dispatcher = h.Dispatcher(options: options);
        var broken = true;
        h.Stage("gold").FailOn = p => broken && p == "interactions" ? new IOException("bronze file truncated") : null;
        var queue = new Queue<StageMessage>(await dispatcher.StartAsync(RunIds.Create(PipelineHarness.Start)));
        var runId = queue.Peek().RunId;

        while (queue.Count > 0)
        {
            var m = queue.Dequeue();
            for (var delivery = 1; delivery <= options.MaxDequeueCount; delivery++)
            {
                try
                {
                    foreach (var n in await dispatcher.HandleAsync(m, delivery))
                    {
                        queue.Enqueue(n);
                    }

                    break;
                }
                catch (IOException) when (delivery < options.MaxDequeueCount)
                {
                    // The host retries with backoff.
                }
            }
        }

        var failed = await dispatcher.Ledger.GetRunAsync(runId);
        Assert.Equal(RunStatus.Failed, failed!.Status);
        Assert.Equal("gold", failed.FailedStage);
        Assert.Contains("bronze file truncated", failed.Error, StringComparison.Ordinal);
        Assert.Contains("after 3 deliveries", failed.Error, StringComparison.Ordinal);

        broken = false;
        var resumed = await dispatcher.ResumeAsync(runId);
        Assert.Equal(new[] { "daily_sales", "interactions" }, resumed.Select(m => m.Partition));
        Assert.All(resumed, m => Assert.Equal("gold", m.Stage));
        var goldBefore = h.Stage("gold").Executions;
        var work = new Queue<StageMessage>(resumed);
        while (work.Count > 0)
        {
            foreach (var n in await dispatcher.HandleAsync(work.Dequeue(), 1))
            {
                work.Enqueue(n);
            }
        }

        Assert.Equal(goldBefore + 1, h.Stage("gold").Executions);
        Assert.Equal(RunStatus.Succeeded, (await dispatcher.Ledger.GetRunAsync(runId))!.Status);
    }

    [Fact]
    public async Task StartNightlyAsync_LatestRunFailed_ResumesItInsteadOfStartingANewOne()
    {
        var h = new PipelineHarness();
        var dispatcher = h.Dispatcher();
        var first = await dispatcher.StartNightlyAsync(PipelineHarness.Start);
        await dispatcher.HandlePoisonAsync(first[0], "dequeue count exceeded");
        var failed = await dispatcher.Ledger.GetRunAsync(first[0].RunId);
        Assert.Equal(RunStatus.Failed, failed!.Status);
        Assert.Contains("poison message for events", failed.Error, StringComparison.Ordinal);

        var next = await dispatcher.StartNightlyAsync(PipelineHarness.Start.AddDays(1));

        Assert.All(next, m => Assert.Equal(first[0].RunId, m.RunId));
        Assert.Equal(3, next.Count);
        Assert.Equal(RunStatus.Running, (await dispatcher.Ledger.GetRunAsync(first[0].RunId))!.Status);
    }

    [Fact]
    public async Task HandleAsync_RunNotRunning_IgnoresMessage()
    {
        var h = new PipelineHarness();
        var dispatcher = h.Dispatcher();
        var messages = await dispatcher.StartAsync(RunIds.Create(PipelineHarness.Start));
        await dispatcher.HandlePoisonAsync(messages[1], "boom");

        var next = await dispatcher.HandleAsync(messages[0], 1);

        Assert.Empty(next);
        Assert.Equal(0, h.Stage("silver").Executions);
        Assert.Null(await new ServingPublisher(h.Tables).GetCurrentAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"runId\":\"r1\",\"stage\":\"silver\"}")]
    public void Parse_InvalidMessage_ThrowsPipelineException(string json) =>
        Assert.Throws<PipelineException>(() => StageMessage.Parse(json));
}
