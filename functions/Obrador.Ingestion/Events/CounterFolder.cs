using System.Globalization;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>
/// Folds the delta log written by <see cref="StreamingCounters"/> into the counters of
/// <see cref="ServingTables.Counters"/>: reads up to <c>maxDeltaRows</c> delta rows in row-key order, reads the counter
/// shards they touch (<see cref="CounterShard"/>; one multi-get per partition key), applies the entries merged per
/// counter in log order, writes the changed shards and deletes the folded delta rows.
/// </summary>
/// <remarks>
/// <para>Exactly once on a store that commits batches together (<see cref="ITableStore.CommitsBatchesTogether"/>,
/// SQLite): a fold lands whole or not at all, and two folds racing over the same deltas cannot both commit (the loser's
/// delete of an already-deleted delta row fails and rolls its transaction back). On Azure Table Storage each partition
/// key commits separately; the shards are written first and the deltas deleted after, so a fold interrupted in
/// between re-applies those deltas next time (at least once).
/// Run one folder at a time per table: in process on the embedded store (<c>CounterFoldService</c>), as the
/// <c>FoldCounters</c> timer function on Azure (the Functions host runs a timer on one instance at a time,
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#scale-out). Folds within one process are
/// serialised. Thread safe.</para>
/// <para>Every fold moves a generation marker (one row in <see cref="GenerationPartition"/>) by deleting the current one
/// and writing the next in one batch, which fails if another folder moved it first (a compare-and-swap built from the
/// Table service's rule that deleting a missing entity fails its batch). Only folders write counter shards, so while the
/// marker is the one this folder wrote, the shards it wrote are still the stored ones: it keeps them decoded in memory
/// (<see cref="CounterShardCache"/>) and the next fold reads back only shards it did not write.</para>
/// <para>A stored shard that cannot be decoded is copied to <see cref="QuarantinePartition"/> with the reason and its
/// counters start again from the fold that met it (the silver tables built from bronze are the truth).</para>
/// </remarks>
public sealed class CounterFolder
{
    /// <summary>Partition key where delta rows (row key as in the log) and counter shards (row key <c>{partitionKey}|{rowKey}</c>) that cannot be decoded are moved, with <c>Error</c> and <c>QuarantinedAt</c>.</summary>
    public const string QuarantinePartition = "_delta_quarantine";

    /// <summary>Partition key of the fold generation marker: one row, row key the generation (<c>D19</c>), moved by every fold.</summary>
    public const string GenerationPartition = "_fold";

    private readonly ITableStore _tables;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CounterShardCache _cache = new();
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    /// <summary>Creates the folder over <paramref name="tables"/> (the Counters table must exist).</summary>
    public CounterFolder(ITableStore tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _tables = tables;
        _time = time;
    }

    /// <summary>Folds pending deltas until none is left or <paramref name="maxDeltaRows"/> rows were folded in one step.</summary>
    /// <param name="maxDeltaRows">Delta rows per fold step, one transaction on SQLite (1 to 100,000; default 20,000). A step holds one merged entry per touched counter and the delta row keys, not the delta rows.</param>
    /// <param name="cancellationToken">Cancels between steps; a step in flight commits or rolls back whole on SQLite.</param>
    /// <returns>Delta rows folded, counters changed and shard rows written, over all steps. A delta row that cannot be decoded is not
    /// applied: it moves to <see cref="QuarantinePartition"/> with the reason (counted as folded).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDeltaRows"/> is outside 1–100,000.</exception>
    /// <exception cref="StorageException">The table store failed; nothing of the failing step is applied on SQLite.</exception>
    public async Task<CounterFoldResult> FoldAsync(int maxDeltaRows = 20_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDeltaRows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDeltaRows, 100_000);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var total = new CounterFoldResult(0, 0, 0);
            while (true)
            {
                var step = await StepAsync(maxDeltaRows, cancellationToken).ConfigureAwait(false);
                total = new CounterFoldResult(total.DeltaRows + step.DeltaRows, total.Counters + step.Counters, total.ShardRows + step.ShardRows);
                if (step.DeltaRows < maxDeltaRows)
                {
                    break;
                }
            }

            if (_time.GetUtcNow() - _prunedAt >= PruneEvery)
            {
                await PruneHttpWatermarksAsync(cancellationToken).ConfigureAwait(false);
                _prunedAt = _time.GetUtcNow();
            }

            return total;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>How often a fold also deletes expired HTTP body watermarks (<see cref="PruneHttpWatermarksAsync"/>): hourly.</summary>
    public static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    /// <summary>
    /// Deletes the watermark rows of HTTP bodies (<c>events|http-…</c>) written more than
    /// <see cref="StreamingCounters.HttpWatermarkLifetime"/> ago: one row is left per body counted, and a resend that
    /// late is a redelivery the hook skips anyway. Event Hub partition watermarks are never deleted. A fold runs this
    /// at most every <see cref="PruneEvery"/>.
    /// </summary>
    /// <returns>Rows deleted.</returns>
    /// <exception cref="StorageException">The table store failed.</exception>
    public async Task<int> PruneHttpWatermarksAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = _time.GetUtcNow() - StreamingCounters.HttpWatermarkLifetime;
        var query = new TableQuery(
            [
                new TableCondition("RowKey", ComparisonOp.GreaterThanOrEqual, "events|http-"),
                new TableCondition("RowKey", ComparisonOp.LessThan, "events|http."),
                new TableCondition("UpdatedAt", ComparisonOp.LessThan, cutoff),
            ],
            ["UpdatedAt"]);
        var expired = new List<string>();
        string? token = null;
        do
        {
            var page = await _tables.QueryAsync(ServingTables.Counters, StreamingCounters.WatermarkPartition, query, token, cancellationToken).ConfigureAwait(false);
            // Checked here too: a store may answer a filter loosely (the in-memory test store ignores it).
            expired.AddRange(page.Items
                .Where(r => r.RowKey.StartsWith("events|http-", StringComparison.Ordinal) && r.GetDateTimeOffset("UpdatedAt") is { } at && at < cutoff)
                .Select(r => r.RowKey));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var deleted = 0;
        foreach (var chunk in expired.Chunk(100))
        {
            try
            {
                await _tables.SubmitBatchAsync(ServingTables.Counters, [.. chunk.Select(rk => TableOperation.Delete(StreamingCounters.WatermarkPartition, rk))], cancellationToken).ConfigureAwait(false);
                deleted += chunk.Length;
            }
            catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound)
            {
                // A row of the chunk went meanwhile (a swap of a resent body): the rest goes at the next prune.
            }
        }

        return deleted;
    }

    private async Task<CounterFoldResult> StepAsync(int maxDeltaRows, CancellationToken cancellationToken)
    {
        // Rows are decoded page by page as they arrive (the service returns them in row-key order, that is log order)
        // and merged per counter, so a step holds one entry per touched counter, not the delta rows themselves.
        var delta = new CounterDelta();
        var folded = new List<string>();
        var rejected = new List<TableEntity>();
        string? token = null;
        do
        {
            var page = await _tables.QueryAsync(ServingTables.Counters, StreamingCounters.DeltaPartition,
                new TableQuery(Top: Math.Min(1000, maxDeltaRows - folded.Count)), token, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Items)
            {
                Decode(delta, row, rejected);
                folded.Add(row.RowKey);
            }

            token = page.ContinuationToken;
        }
        while (token is not null && folded.Count < maxDeltaRows);

        if (folded.Count == 0)
        {
            return new CounterFoldResult(0, 0, 0);
        }

        // Shards this folder wrote in the generation still current need not be read back (CounterShardCache).
        var generation = await GenerationAsync(_tables, cancellationToken).ConfigureAwait(false);
        if (generation is null || generation != _cache.Generation)
        {
            _cache.Clear();
        }

        // Cached shards change in place below: any failure until the commit lands clears them.
        var now = _time.GetUtcNow();
        List<(string PartitionKey, int Shard, CounterShard Counters)> written;
        int counters, shardRows;
        try
        {
            (written, counters) = await ApplyAsync(delta, rejected, now, cancellationToken).ConfigureAwait(false);
            var rows = written.Select(w => w.Counters.ToRow(w.PartitionKey, w.Shard, now)).ToList();
            shardRows = rows.Count;

            // The generation moves by deleting the current marker and writing the next one in one batch: a folder that
            // raced this one has already deleted it, so this step fails instead of writing from stale rows.
            var marker = new TableEntity(GenerationPartition, GenerationKey((generation ?? 0) + 1)) { ["FoldedAt"] = now, ["Counters"] = counters, ["ShardRows"] = shardRows };
            IReadOnlyList<TableOperation> swap = generation is { } current
                ? [TableOperation.Delete(GenerationPartition, GenerationKey(current)), TableOperation.Replace(marker)]
                : [TableOperation.Replace(marker)];
            var writes = CounterBytes.Batches(rows.Select(TableOperation.Replace));

            // A row that cannot be decoded would stop every later fold: it moves to the quarantine partition with the reason.
            var deletes = CounterBytes.Batches(folded.Select(rk => TableOperation.Delete(StreamingCounters.DeltaPartition, rk))
                .Concat(rejected.Select(q => TableOperation.Replace(q))));
            if (_tables.CommitsBatchesTogether)
            {
                await _tables.SubmitBatchesAsync(ServingTables.Counters, [swap, .. writes, .. deletes], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Generation, then shards, then the deletes: an interruption re-applies deltas rather than losing them.
                await _tables.SubmitBatchesAsync(ServingTables.Counters, [swap], cancellationToken).ConfigureAwait(false);
                await _tables.SubmitBatchesAsync(ServingTables.Counters, writes, cancellationToken).ConfigureAwait(false);
                await _tables.SubmitBatchesAsync(ServingTables.Counters, deletes, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _cache.Clear();
            throw;
        }

        // A first fold (no marker yet) cannot tell whether another folder wrote beside it: shards are cached from the next.
        if (generation is null)
        {
            _cache.Clear();
        }
        else
        {
            _cache.Store(written, generation.Value + 1);
        }

        return new CounterFoldResult(folded.Count, counters, shardRows);
    }

    /// <summary>Applies <paramref name="delta"/> to the shards it touches (from the cache, else read and decoded; new ones
    /// empty); returns them and the number of counters changed.</summary>
    private async Task<(List<(string PartitionKey, int Shard, CounterShard Counters)> Written, int Counters)> ApplyAsync(
        CounterDelta delta, List<TableEntity> rejected, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = new List<(string PartitionKey, int Shard, CounterShard Counters)>();
        var counters = 0;
        foreach (var (partitionKey, ids) in delta.Partitions)
        {
            var shards = new Dictionary<int, CounterShard?>();
            foreach (var id in ids)
            {
                var s = CounterShard.Of(id);
                if (!shards.ContainsKey(s))
                {
                    shards[s] = _cache.Get(partitionKey, s);
                }
            }

            var missing = shards.Where(s => s.Value is null).Select(s => CounterShard.RowKey(s.Key)).ToList();
            if (missing.Count > 0)
            {
                var found = await _tables.GetManyAsync(ServingTables.Counters, partitionKey, missing, cancellationToken).ConfigureAwait(false);
                foreach (var s in shards.Keys.Where(s => shards[s] is null).ToList())
                {
                    shards[s] = found.GetValueOrDefault(CounterShard.RowKey(s)) is { } row ? DecodeShard(row, rejected) : new CounterShard();
                }
            }

            counters += delta.Apply(partitionKey, s => shards[s]!, now);
            written.AddRange(shards.Select(s => (partitionKey, s.Key, s.Value!)));
        }

        return (written, counters);
    }

    /// <summary>The current fold generation, or null before the first fold. Counter shards change only when it moves.</summary>
    internal static async Task<long?> GenerationAsync(ITableStore tables, CancellationToken cancellationToken)
    {
        var page = await tables.QueryAsync(ServingTables.Counters, GenerationPartition, new TableQuery(Top: 2), null, cancellationToken).ConfigureAwait(false);
        long? generation = null;
        foreach (var row in page.Items)
        {
            if (long.TryParse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var g) && g > (generation ?? -1))
            {
                generation = g;
            }
        }

        return generation;
    }

    private static string GenerationKey(long generation) => generation.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Merges <paramref name="row"/> into <paramref name="delta"/>, or adds it to <paramref name="rejected"/> with the reason.</summary>
    private void Decode(CounterDelta delta, TableEntity row, List<TableEntity> rejected)
    {
        try
        {
            delta.AddRow(row);
        }
        catch (InvalidDataException e)
        {
            rejected.Add(Quarantined(row, row.RowKey, e.Message));
        }
    }

    /// <summary>The stored shard <paramref name="row"/>; one that cannot be decoded is copied to <see cref="QuarantinePartition"/>
    /// (row key <c>{partitionKey}|{rowKey}</c>) with the reason and its counters start again from this fold.</summary>
    private CounterShard DecodeShard(TableEntity row, List<TableEntity> rejected)
    {
        try
        {
            return CounterShard.Decode(row);
        }
        catch (InvalidDataException e)
        {
            rejected.Add(Quarantined(row, row.PartitionKey + "|" + row.RowKey, e.Message));
            return new CounterShard();
        }
    }

    private TableEntity Quarantined(TableEntity row, string rowKey, string error)
    {
        var quarantined = new TableEntity(QuarantinePartition, rowKey) { ["Error"] = error, ["QuarantinedAt"] = _time.GetUtcNow() };
        foreach (var (name, value) in row.Properties)
        {
            quarantined[name] = value;
        }

        return quarantined;
    }
}
