using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Orchestration;

/// <summary>
/// Runs the stage graph in-process, in order (<c>obrador pipeline run</c>): every stage's partitions one after another,
/// then the next stage. Resuming a run skips every stage × partition that already has a completion record.
/// </summary>
/// <remarks>Not thread safe per run: run one instance of a given run id at a time (the Azure flavour is <see cref="QueueStageDispatcher"/>).</remarks>
public sealed class LocalPipelineRunner
{
    private readonly PipelineGraph _graph;
    private readonly StageExecutor _executor;

    /// <summary>Creates a runner.</summary>
    public LocalPipelineRunner(PipelineGraph graph, IObjectStore lake, ITableStore tables, TimeProvider clock, PipelineOptions options, ILogger? logger = null)
    {
        options.Validate();
        _graph = graph;
        _executor = new StageExecutor(new RunLedger(tables), lake, tables, clock, logger ?? NullLogger.Instance, options);
    }

    /// <summary>The ledger the runner writes.</summary>
    public RunLedger Ledger => _executor.Ledger;

    /// <summary>Runs (or continues) <paramref name="run"/> to success, failure or a halt.</summary>
    /// <param name="run">The run; an existing id continues where it stopped.</param>
    /// <param name="progress">Optional progress sink.</param>
    /// <param name="cancellationToken">Cancels between and within stages; the run stays resumable.</param>
    /// <returns>The report; a failure is reported (status <c>failed</c>), not thrown.</returns>
    public async Task<RunReport> RunAsync(PipelineRun run, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var ledger = _executor.Ledger;
        await ledger.StartAsync(run, _executor.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var stage in _graph.Stages)
        {
            string? stopReason = null;
            try
            {
                var plan = await _executor.PlanAsync(run, stage, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < plan.Count; i++)
                {
                    progress?.Report(new StageProgress(stage.Name, plan[i], i, plan.Count, null));
                    var (record, _) = await _executor.ExecuteAsync(run, stage, plan[i], cancellationToken).ConfigureAwait(false);
                    progress?.Report(new StageProgress(stage.Name, plan[i], i + 1, plan.Count, record));
                    if (record.Status == RunStatus.Halted)
                    {
                        stopReason = record.Error;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                stopReason = ex.Message;
            }

            if (stopReason is not null)
            {
                await ledger.FailAsync(run.RunId, stage.Name, stopReason, _executor.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                return await ReportAsync(run.RunId, cancellationToken).ConfigureAwait(false);
            }
        }

        await ledger.CompleteAsync(run.RunId, _executor.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await ReportAsync(run.RunId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resumes a failed (or interrupted) run from its first unfinished stage × partition.</summary>
    /// <exception cref="PipelineException">The run is not in the ledger.</exception>
    public async Task<RunReport> ResumeAsync(string runId, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var existing = await _executor.Ledger.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new PipelineException($"Run '{runId}' is not in the ledger.");
        return await RunAsync(existing.Run, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RunReport> ReportAsync(string runId, CancellationToken cancellationToken)
    {
        var summary = await _executor.Ledger.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new PipelineException($"Run '{runId}' vanished from the ledger.");
        var records = await _executor.Ledger.ListStagesAsync(runId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var order = _graph.Stages.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var ordered = records.OrderBy(r => order.GetValueOrDefault(r.Stage, int.MaxValue)).ThenBy(r => r.Partition, StringComparer.Ordinal).ToList();
        return new RunReport(summary, ordered);
    }
}
