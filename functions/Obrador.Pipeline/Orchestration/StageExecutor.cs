using Microsoft.Extensions.Logging;
using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Orchestration;

/// <summary>
/// Runs one stage × partition exactly as both runners need it: skip when a completion record exists, otherwise execute,
/// time it with the injected clock and write the completion (or failure) record after the outputs.
/// </summary>
internal sealed class StageExecutor
{
    private readonly RunLedger _ledger;
    private readonly IObjectStore _lake;
    private readonly ITableStore _tables;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly PipelineOptions _options;

    public StageExecutor(RunLedger ledger, IObjectStore lake, ITableStore tables, TimeProvider clock, ILogger logger, PipelineOptions options)
    {
        _ledger = ledger;
        _lake = lake;
        _tables = tables;
        _clock = clock;
        _logger = logger;
        _options = options;
    }

    public RunLedger Ledger => _ledger;

    public TimeProvider Clock => _clock;

    public StageContext Context(PipelineRun run) => new(run, _lake, _tables, _clock, _logger, _options);

    /// <summary>The stage's plan for the run: the stored one, or a fresh one stored first.</summary>
    public async Task<IReadOnlyList<string>> PlanAsync(PipelineRun run, IPipelineStage stage, CancellationToken cancellationToken)
    {
        var stored = await _ledger.GetPlanAsync(run.RunId, stage.Name, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            return stored;
        }

        var plan = await stage.PlanAsync(Context(run), cancellationToken).ConfigureAwait(false);
        if (plan.Count == 0 || plan.Distinct(StringComparer.Ordinal).Count() != plan.Count || plan.Any(p => p.Length == 0 || p.Contains('|', StringComparison.Ordinal)))
        {
            throw new PipelineException("A stage plan must be a non-empty list of distinct partitions without '|'.", stage.Name);
        }

        return await _ledger.SavePlanAsync(run.RunId, stage.Name, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Executes one partition unless already done; returns its record (existing or new).</summary>
    /// <exception cref="Exception">The stage's failure, after a <c>failed</c> record was written.</exception>
    public async Task<(StageRecord Record, bool Executed)> ExecuteAsync(PipelineRun run, IPipelineStage stage, string partition, CancellationToken cancellationToken)
    {
        var existing = await _ledger.GetStageAsync(run.RunId, stage.Name, partition, cancellationToken).ConfigureAwait(false);
        if (existing is { Status: RunStatus.Succeeded or RunStatus.Halted })
        {
            return (existing, false);
        }

        var attempts = (existing?.Attempts ?? 0) + 1;
        var startedAt = _clock.GetUtcNow();
        var start = _clock.GetTimestamp();
        StageOutcome outcome;
        try
        {
            outcome = await stage.ExecuteAsync(Context(run), partition, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Stage {Stage}/{Partition} of run {RunId} failed (attempt {Attempt})", stage.Name, partition, run.RunId, attempts);
            var failed = new StageRecord(run.RunId, stage.Name, partition, RunStatus.Failed, startedAt, Elapsed(start), 0, [], [], ex.Message, attempts);
            await _ledger.RecordStageAsync(failed, cancellationToken).ConfigureAwait(false);
            throw;
        }

        foreach (var w in outcome.Warnings)
        {
            _logger.LogWarning("Stage {Stage}/{Partition} of run {RunId}: {Warning}", stage.Name, partition, run.RunId, w);
        }

        var status = outcome.HaltReason is null ? RunStatus.Succeeded : RunStatus.Halted;
        var record = new StageRecord(run.RunId, stage.Name, partition, status, startedAt, Elapsed(start), outcome.Rows, outcome.Inputs, outcome.Warnings, outcome.HaltReason, attempts);
        await _ledger.RecordStageAsync(record, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Stage {Stage}/{Partition} of run {RunId} {Status}: {Rows} rows in {DurationMs} ms", stage.Name, partition, run.RunId, status, record.Rows, record.DurationMs);
        return (record, true);
    }

    private long Elapsed(long start) => (long)_clock.GetElapsedTime(start).TotalMilliseconds;
}
