using System.Globalization;
using Microsoft.Extensions.Logging;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>
/// The one path every event takes, from the Event Hub trigger and from <c>POST /api/events</c>: validate, write the
/// accepted events to one bronze file and the rejected ones to one quarantine file (deterministic names), then run
/// the streaming hook.
/// </summary>
/// <remarks>
/// Guarantees: every event of the batch ends in exactly one of the two files (never both, never neither); the call
/// returns only after both writes completed, so a caller that acknowledges the batch afterwards (the host's
/// checkpoint) never runs ahead of the data; a redelivered batch rewrites the same two files with the same rows (an
/// HTTP body resent on a later day too: its files keep the date of its first receipt, <see cref="LakePaths.EventReceipt"/>),
/// and a batch read again from the checkpoint with other boundaries after the process stopped replaces the lost
/// attempt's files (same first sequence, another last one), so no event is stored twice.
/// Any storage failure propagates (<see cref="Lake.Storage.StorageException"/>) so the batch is retried. Thread safe.
/// </remarks>
public sealed partial class EventIngestor
{
    /// <summary>
    /// How long after its first receipt an HTTP body resent with its bronze file in place is a redelivery for the hook
    /// (30 days): within it, a hook remembers what it applied (<see cref="StreamingCounters"/> keeps a watermark per
    /// body that long), so a retry after a failed attempt is applied once; past it, the body is taken as applied.
    /// </summary>
    public static readonly TimeSpan RedeliveryAfter = TimeSpan.FromDays(30);

    private readonly BronzeWriter _writer;
    private readonly EventParser _parser;
    private readonly IEventHook? _hook;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Event Hub partitions whose first batch in this process has been checked for an earlier attempt's files.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _checkedPartitions = new(StringComparer.Ordinal);

    /// <summary>Creates the ingestor.</summary>
    /// <param name="writer">Where bronze and quarantine files go.</param>
    /// <param name="parser">The event contract.</param>
    /// <param name="hook">Streaming hook run after the writes (counters), or null.</param>
    /// <param name="time">Clock for <c>ingested_at</c>.</param>
    /// <param name="logger">Logger.</param>
    public EventIngestor(BronzeWriter writer, EventParser parser, IEventHook? hook, TimeProvider time, ILogger<EventIngestor> logger)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _writer = writer;
        _parser = parser;
        _hook = hook;
        _time = time;
        _logger = logger;
    }

    /// <summary>Validates and stores one batch.</summary>
    /// <param name="batch">The delivered events (sequence numbers strictly increasing for Event Hub batches).</param>
    /// <param name="cancellationToken">Cancels the writes; nothing partial becomes visible.</param>
    /// <returns>Counts, rejections by index, and the files written.</returns>
    /// <exception cref="Lake.Storage.StorageException">A write failed; the batch must be retried.</exception>
    public async Task<EventBatchResult> IngestAsync(EventBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Events.Count == 0)
        {
            return new EventBatchResult(0, 0, [], null, null, false);
        }

        var now = _time.GetUtcNow();
        var rowPartition = batch.FromEventHub ? batch.Partition : "http";
        var accepted = new List<BronzeEvent>(batch.Events.Count);
        var rejections = new List<EventRejection>();
        var quarantine = new List<QuarantineRecord>();
        var firstIndexOf = new Dictionary<string, int>(batch.Events.Count, StringComparer.Ordinal);
        for (var i = 0; i < batch.Events.Count; i++)
        {
            var raw = batch.Events[i];
            var row = _parser.Parse(raw, i, rowPartition, now, out var rejection);
            if (row is not null && !firstIndexOf.TryAdd(row.EventId, i))
            {
                rejection = new EventRejection(i, "duplicate_event_id", "event_id", $"event_id '{row.EventId}' already appears at index {firstIndexOf[row.EventId]} of this batch");
                row = null;
            }

            if (row is not null)
            {
                accepted.Add(row);
                continue;
            }

            rejections.Add(rejection!);
            quarantine.Add(new QuarantineRecord
            {
                Source = "events",
                Reason = rejection!.Reason,
                Raw = BronzeWriter.RawText(raw.Json.Span),
                Location = $"partition={batch.Partition};seq={raw.SequenceNumber};index={i};field={rejection.Field}",
                Index = i,
                At = now,
            });
        }

        var first = batch.Events[0].SequenceNumber;
        var last = batch.Events[^1].SequenceNumber;
        if (last < first)
        {
            (first, last) = (last, first);
        }

        var day = LakePaths.DayOf(batch.Events[0].EnqueuedAt);
        if (!batch.FromEventHub)
        {
            day = await FirstReceiptDayAsync(batch.Partition, day, cancellationToken).ConfigureAwait(false);
        }

        string? bronzePath = null, quarantinePath = null;
        var redelivery = false;
        if (accepted.Count > 0)
        {
            bronzePath = LakePaths.BronzeEvents(day, batch.Partition, first, last);
            redelivery = !batch.FromEventHub && day.ToDateTime(TimeOnly.MinValue) <= now.UtcDateTime - RedeliveryAfter
                && await _writer.Store.GetInfoAsync(bronzePath, cancellationToken).ConfigureAwait(false) is not null;
            await _writer.WriteAsync(bronzePath, accepted, null, default, cancellationToken).ConfigureAwait(false);
        }

        if (quarantine.Count > 0)
        {
            quarantinePath = LakePaths.QuarantineEvents(day, batch.Partition, first, last);
            await _writer.WriteAsync(quarantinePath, quarantine, null, default, cancellationToken).ConfigureAwait(false);
        }

        if (batch.FromEventHub && !_checkedPartitions.ContainsKey(batch.Partition))
        {
            await RemoveEarlierAttemptAsync(day, batch.Partition, first, bronzePath, quarantinePath, cancellationToken).ConfigureAwait(false);
            _checkedPartitions.TryAdd(batch.Partition, 0);
        }

        var applied = false;
        if (_hook is not null && accepted.Count > 0)
        {
            applied = await _hook.OnAcceptedAsync(batch, accepted, redelivery, cancellationToken).ConfigureAwait(false);
        }

        LogBatch(batch.Partition, first, last, accepted.Count, quarantine.Count);
        return new EventBatchResult(accepted.Count, quarantine.Count, rejections, bronzePath, quarantinePath, applied);
    }

    // The host reads a partition again from its checkpoint after a process stops (a crash, a redeploy, a rebalance), and
    // the batch it then delivers starts where the lost attempt's did but may end elsewhere: that attempt's files have
    // the same first sequence and another last one. Once this batch's files are written they replace them (the events
    // past this batch's end come again in the next one), so no event is in bronze or quarantine twice. Checked on the
    // first batch of each partition in a process, the only one that can follow a lost attempt: one listing per partition.
    private async Task RemoveEarlierAttemptAsync(DateOnly day, string partition, long first, string? bronzePath, string? quarantinePath, CancellationToken cancellationToken)
    {
        var (bronzeStem, quarantineStem) = LakePaths.EventBatchStems(day, partition, first);
        foreach (var stem in new[] { bronzeStem, quarantineStem })
        {
            string? token = null;
            do
            {
                var page = await _writer.Store.ListAsync(stem, token, 1000, cancellationToken).ConfigureAwait(false);
                foreach (var earlier in page.Items.Where(o => o.Path != bronzePath && o.Path != quarantinePath))
                {
                    await _writer.Store.DeleteAsync(earlier.Path, cancellationToken).ConfigureAwait(false);
                    LogReplacedAttempt(partition, earlier.Path);
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }
    }

    // An HTTP body's partition date is the day it was first received, recorded before its files are written: a resend
    // on a later day finds the receipt and rewrites the same files instead of adding a copy under a new date.
    private async Task<DateOnly> FirstReceiptDayAsync(string partition, DateOnly today, CancellationToken cancellationToken)
    {
        var path = LakePaths.EventReceipt(partition);
        for (var attempt = 0; ; attempt++)
        {
            if (await _writer.GetTextAsync(path, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                return DateOnly.TryParseExact(stored, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    ? day
                    : throw new StorageException(StorageErrorKind.Service, path, $"The receipt holds '{stored}', not a date");
            }

            try
            {
                await _writer.PutTextAsync(path, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), WriteCondition.IfAbsent, cancellationToken).ConfigureAwait(false);
                return today;
            }
            catch (StorageException e) when (e.Kind == StorageErrorKind.PreconditionFailed && attempt == 0)
            {
                // The same body arrived twice at once: the other request's receipt stands.
            }
        }
    }

    /// <summary>
    /// Keeps an invocation that could not be split into events at all (not JSON, no trigger data) as one quarantine
    /// record, so the host can checkpoint past it without losing it:
    /// <c>quarantine/events/date=…/invocation-{digest}.parquet</c>.
    /// </summary>
    /// <param name="invocation">The whole request body as received.</param>
    /// <param name="reason">Why it could not be read (<c>code: message</c>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The quarantine path written.</returns>
    public async Task<string> QuarantineInvocationAsync(ReadOnlyMemory<byte> invocation, string reason, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var path = LakePaths.Quarantine("events", LakePaths.DayOf(now), "invocation-" + LakePaths.Key(invocation.Span));
        var record = new QuarantineRecord
        {
            Source = "events",
            Reason = reason,
            Raw = BronzeWriter.RawText(invocation.Span),
            Location = "invocation",
            Index = -1,
            At = now,
        };
        await _writer.WriteAsync(path, [record], null, default, cancellationToken).ConfigureAwait(false);
        LogInvocationQuarantined(path, reason);
        return path;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarantined an unreadable invocation at {Path}: {Reason}")]
    private partial void LogInvocationQuarantined(string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested partition {Partition} sequence {First}-{Last}: {Accepted} accepted, {Rejected} quarantined")]
    private partial void LogBatch(string partition, long first, long last, int accepted, int rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition} was read again from its checkpoint with other batch boundaries: {Path} of the earlier attempt is replaced")]
    private partial void LogReplacedAttempt(string partition, string path);
}
