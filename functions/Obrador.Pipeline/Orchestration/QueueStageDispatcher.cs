using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Orchestration;

/// <summary>
/// The Azure flavour of the runner, driven by a storage queue: <c>NightlyRun</c> starts a run and enqueues the first
/// stage's partitions; <c>RunStage</c> executes one stage × partition and, when all its siblings are done, enqueues the
/// next stage's partitions (fan-out/fan-in through the <c>Runs</c> table).
/// </summary>
/// <remarks>
/// Delivery is at-least-once, so every step is idempotent: a redelivered message whose completion record exists is not
/// re-executed; the advance to the next stage is claimed by exactly one sibling with a put-if-absent object
/// (<see cref="PipelinePaths.AdvanceClaim"/>) whose content names the claimer, so that sibling's own redeliveries
/// re-emit the same next messages and no other sibling duplicates them. Failures are rethrown so the host retries with
/// backoff; the last allowed delivery (or the poison queue) ends the run as failed with the reason. Thread safe.
/// </remarks>
public sealed class QueueStageDispatcher
{
    private readonly PipelineGraph _graph;
    private readonly StageExecutor _executor;
    private readonly IObjectStore _lake;
    private readonly PipelineOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the dispatcher.</summary>
    public QueueStageDispatcher(PipelineGraph graph, IObjectStore lake, ITableStore tables, TimeProvider clock, PipelineOptions options, ILogger? logger = null)
    {
        options.Validate();
        _graph = graph;
        _lake = lake;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _executor = new StageExecutor(new RunLedger(tables), lake, tables, clock, _logger, options);
    }

    /// <summary>The ledger the dispatcher writes.</summary>
    public RunLedger Ledger => _executor.Ledger;

    /// <summary>
    /// Handles the nightly timer: resumes the latest run when it failed and has resumes left, otherwise starts the run
    /// of <paramref name="scheduledAt"/> (a redelivered timer maps to the same run id and re-emits the same messages).
    /// </summary>
    /// <returns>The stage messages to enqueue.</returns>
    public async Task<IReadOnlyList<StageMessage>> StartNightlyAsync(DateTimeOffset scheduledAt, CancellationToken cancellationToken = default)
    {
        var runs = await Ledger.ListRunsAsync(cancellationToken).ConfigureAwait(false);
        var latest = runs.Count > 0 ? runs[^1] : null;
        if (latest is { Status: RunStatus.Failed } && latest.Resumes < _options.MaxAutoResumes)
        {
            _logger.LogInformation("Nightly trigger resumes failed run {RunId} at stage {Stage}", latest.Run.RunId, latest.FailedStage);
            return await ResumeAsync(latest.Run.RunId, cancellationToken).ConfigureAwait(false);
        }

        return await StartAsync(RunIds.Create(scheduledAt), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts <paramref name="run"/> (or re-emits its first stage when it exists and is running).</summary>
    /// <returns>One message per partition of the first stage.</returns>
    public async Task<IReadOnlyList<StageMessage>> StartAsync(PipelineRun run, CancellationToken cancellationToken = default)
    {
        var existing = await Ledger.GetRunAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        if (existing is { Status: RunStatus.Succeeded })
        {
            return [];
        }

        await Ledger.StartAsync(existing?.Run ?? run, _executor.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await MessagesForAsync(existing?.Run ?? run, _graph.First, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resumes a failed run: marks it running and re-enqueues every partition of the failed stage (done ones are skipped on arrival).</summary>
    /// <exception cref="PipelineException">Unknown run, or a run that did not fail.</exception>
    public async Task<IReadOnlyList<StageMessage>> ResumeAsync(string runId, CancellationToken cancellationToken = default)
    {
        var existing = await Ledger.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new PipelineException($"Run '{runId}' is not in the ledger.");
        if (existing.Status != RunStatus.Failed)
        {
            throw new PipelineException($"Run '{runId}' is {existing.Status}; only a failed run can be resumed.");
        }

        var stage = _graph.Get(existing.FailedStage ?? _graph.First.Name);
        await Ledger.StartAsync(existing.Run, _executor.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await MessagesForAsync(existing.Run, stage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Handles one stage message: executes the partition unless done, then returns the next stage's messages when this
    /// sibling completes the stage (empty otherwise, and when the run finished or is not running).
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="dequeueCount">The host's delivery count (1 on first delivery).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="Exception">The stage failed and deliveries remain: the host should retry (non-2xx answer).</exception>
    public async Task<IReadOnlyList<StageMessage>> HandleAsync(StageMessage message, int dequeueCount, CancellationToken cancellationToken = default)
    {
        var summary = await Ledger.GetRunAsync(message.RunId, cancellationToken).ConfigureAwait(false);
        if (summary is null || summary.Status != RunStatus.Running)
        {
            _logger.LogInformation("Ignoring {Stage}/{Partition} of run {RunId}: run is {Status}", message.Stage, message.Partition, message.RunId, summary?.Status ?? "unknown");
            return [];
        }

        var run = summary.Run;
        var stage = _graph.Get(message.Stage);
        StageRecord record;
        try
        {
            (record, _) = await _executor.ExecuteAsync(run, stage, message.Partition, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && dequeueCount >= _options.MaxDequeueCount)
        {
            // Last delivery: end the run now instead of leaving it to the poison queue, so the ledger says why.
            await Ledger.FailAsync(run.RunId, stage.Name, $"{message.Partition}: {ex.Message} (after {dequeueCount} deliveries)", _executor.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return [];
        }

        if (record.Status == RunStatus.Halted)
        {
            await Ledger.FailAsync(run.RunId, stage.Name, record.Error ?? "halted", _executor.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return [];
        }

        return await AdvanceAsync(run, stage, message.Partition, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handles a message from the poison queue: ends its run as failed with <paramref name="reason"/>.</summary>
    public async Task HandlePoisonAsync(StageMessage message, string reason, CancellationToken cancellationToken = default)
    {
        var summary = await Ledger.GetRunAsync(message.RunId, cancellationToken).ConfigureAwait(false);
        if (summary is { Status: RunStatus.Running })
        {
            await Ledger.FailAsync(message.RunId, message.Stage, $"poison message for {message.Partition}: {reason}", _executor.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<StageMessage>> AdvanceAsync(PipelineRun run, IPipelineStage stage, string partition, CancellationToken cancellationToken)
    {
        var plan = await _executor.PlanAsync(run, stage, cancellationToken).ConfigureAwait(false);
        var done = (await Ledger.ListStagesAsync(run.RunId, stage.Name, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Status == RunStatus.Succeeded)
            .Select(r => r.Partition)
            .ToHashSet(StringComparer.Ordinal);
        if (!plan.All(done.Contains))
        {
            return [];
        }

        if (!await ClaimAsync(run.RunId, stage.Name, partition, cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var next = _graph.Next(stage.Name);
        if (next is null)
        {
            await Ledger.CompleteAsync(run.RunId, _executor.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return [];
        }

        return await MessagesForAsync(run, next, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ClaimAsync(string runId, string stage, string partition, CancellationToken cancellationToken)
    {
        var path = PipelinePaths.AdvanceClaim(runId, stage);
        try
        {
            await _lake.PutAsync(path, new MemoryStream(Encoding.UTF8.GetBytes(partition)), WriteCondition.IfAbsent, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.PreconditionFailed)
        {
            await using var existing = await _lake.GetAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return false;
            }

            using var reader = new StreamReader(existing.Content, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false) == partition;
        }
    }

    private async Task<IReadOnlyList<StageMessage>> MessagesForAsync(PipelineRun run, IPipelineStage stage, CancellationToken cancellationToken)
    {
        var plan = await _executor.PlanAsync(run, stage, cancellationToken).ConfigureAwait(false);
        return plan.Select(p => new StageMessage(run.RunId, stage.Name, p)).ToList();
    }
}
