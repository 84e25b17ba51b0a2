using System.Diagnostics;
using System.Globalization;
using System.Text;
using Obrador.Ingestion.Billing;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Uploads;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Orchestration;

namespace Obrador.Functions.Demo;

/// <summary>
/// The main job end to end on one app's services: ingest through the production doors (events through the Event Hub
/// handler's parser, billing through the blob path, history through the upload path), run the nightly pipeline, and
/// collect what the report shows.
/// </summary>
/// <param name="services">The built app's services (storage, ingestion, pipeline).</param>
/// <param name="clock">The demo clock (the morning after the data's last day).</param>
public sealed class DemoRunner(IServiceProvider services, TimeProvider clock)
{
    private readonly List<DemoStep> _steps = [];

    /// <summary>Timed steps so far.</summary>
    public IReadOnlyList<DemoStep> Steps => _steps;

    /// <summary>Sends every event through the Event Hub invocation parser and ingestor, in batches of 1,000 per partition.</summary>
    /// <returns>Accepted and rejected counts.</returns>
    public async Task<(long Accepted, long Rejected)> IngestEventsAsync(SampleData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var ingestor = services.GetRequiredService<EventIngestor>();
        var watch = Stopwatch.StartNew();
        long accepted = 0, rejected = 0;
        foreach (var invocation in EventHubBatches.Invocations(data.Events, data.Catalog))
        {
            var batch = EventBatchReader.ReadEventHubInvocation(invocation, "events", clock.GetUtcNow());
            var result = await ingestor.IngestAsync(batch, cancellationToken).ConfigureAwait(false);
            accepted += result.Accepted;
            rejected += result.Rejected;
        }

        // Fold the streaming counters' delta log once, so the live counter routes answer before the first timer tick.
        var folded = await services.GetRequiredService<CounterFolder>().FoldAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _steps.Add(new DemoStep("ingest events (Event Hub path)", accepted, watch.Elapsed,
            $"{rejected} rejected to quarantine; {folded.Counters:N0} live counters"));
        return (accepted, rejected);
    }

    /// <summary>Drops each billing file into <c>billing-exports/</c> and ingests it as the blob trigger would.</summary>
    /// <returns>Rows written to bronze.</returns>
    public async Task<long> IngestBillingAsync(SampleData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var lake = services.GetRequiredService<IObjectStore>();
        var ingestor = services.GetRequiredService<BillingExportIngestor>();
        var watch = Stopwatch.StartNew();
        long rows = 0;
        var notes = new List<string>();
        foreach (var (name, bytes) in data.BillingFiles.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            using (var content = new MemoryStream(bytes, writable: false))
            {
                await lake.PutAsync(name, content, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            // The blob trigger's {name} is relative to the billing-exports container.
            var result = await ingestor.IngestAsync(name[(name.IndexOf('/', StringComparison.Ordinal) + 1)..], cancellationToken).ConfigureAwait(false);
            rows += result.Files.Sum(f => f.Rows);
            notes.Add($"{Path.GetFileName(name)}: {result.Status}");
        }

        _steps.Add(new DemoStep("ingest billing exports (blob path)", rows, watch.Elapsed, string.Join(", ", notes)));
        return rows;
    }

    /// <summary>Uploads the sales history as an analyst would: one CSV through the upload validator into bronze.</summary>
    /// <returns>The upload's status (accepted, invalid and skipped rows).</returns>
    public async Task<UploadStatus> UploadSalesAsync(SampleData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var watch = Stopwatch.StartNew();
        var csv = new StringBuilder("date,store,product,units,unit_price,promo\n");
        foreach (var r in data.Sales)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.Date:yyyy-MM-dd},{r.Store},{r.Product},{r.Units},{r.UnitPrice},{(r.Promo ? "true" : "false")}\n");
        }

        var processor = services.GetRequiredService<UploadProcessor>();
        var status = await processor.ProcessAsync(new UploadRequest("sales-history.csv", Encoding.UTF8.GetBytes(csv.ToString()), "demo"), cancellationToken).ConfigureAwait(false);
        _steps.Add(new DemoStep("upload sales history (upload path)", status.Accepted, watch.Elapsed, $"{status.State}: {status.Invalid} invalid, {status.Skipped} skipped"));
        return status;
    }

    /// <summary>Runs the nightly pipeline in-process (the same stages the queue-triggered functions run in Azure).</summary>
    /// <param name="progress">Receives each stage's progress.</param>
    /// <param name="cancellationToken">Cancels between stages.</param>
    public async Task<RunReport> RunPipelineAsync(IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var runner = new LocalPipelineRunner(
            services.GetRequiredService<PipelineGraph>(),
            services.GetRequiredService<IObjectStore>(),
            services.GetRequiredService<ITableStore>(),
            clock,
            services.GetRequiredService<PipelineOptions>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Obrador.Demo"));
        var report = await runner.RunAsync(RunIds.Create(clock.GetUtcNow()), progress, cancellationToken).ConfigureAwait(false);
        foreach (var stage in report.Stages)
        {
            _steps.Add(new DemoStep(
                $"pipeline: {stage.Stage}" + (stage.Partition is "" or "all" or "*" ? string.Empty : $" [{stage.Partition}]"),
                stage.Rows,
                TimeSpan.FromMilliseconds(stage.DurationMs),
                stage.Error ?? string.Join("; ", stage.Warnings.Take(2))));
        }

        return report;
    }
}
