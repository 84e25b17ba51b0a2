using Obrador.Pipeline.Orchestration;
using Spectre.Console;

namespace Obrador.Functions.Demo;

/// <summary>Runs the demo's steps under a live progress display (plain lines when the console is not interactive).</summary>
public static class DemoProgress
{
    /// <summary>Ingests everything, runs the pipeline, and returns the run's report.</summary>
    public static async Task<RunReport> RunAsync(IAnsiConsole console, DemoRunner runner, SampleData sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(runner);
        RunReport? report = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var events = ctx.AddTask($"ingest {sample.Events.Count:N0} events (Event Hub path)", maxValue: 1);
                await runner.IngestEventsAsync(sample, cancellationToken).ConfigureAwait(false);
                events.Value = 1;

                var billing = ctx.AddTask($"ingest {sample.BillingFiles.Count} billing exports (blob path)", maxValue: 1);
                await runner.IngestBillingAsync(sample, cancellationToken).ConfigureAwait(false);
                billing.Value = 1;

                var uploads = ctx.AddTask($"upload {sample.Sales.Count:N0} sales rows (upload path)", maxValue: 1);
                await runner.UploadSalesAsync(sample, cancellationToken).ConfigureAwait(false);
                uploads.Value = 1;

                var pipeline = ctx.AddTask("nightly pipeline", maxValue: 1);
                report = await runner.RunPipelineAsync(new StageProgressSink(pipeline), cancellationToken).ConfigureAwait(false);
                pipeline.Value = pipeline.MaxValue;
            }).ConfigureAwait(false);
        return report!;
    }

    // Updates the task synchronously: Progress<T> would post to the thread pool and race the display.
    private sealed class StageProgressSink(ProgressTask task) : IProgress<StageProgress>
    {
        public void Report(StageProgress value)
        {
            task.Description = $"pipeline: {value.Stage}";
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }
}
