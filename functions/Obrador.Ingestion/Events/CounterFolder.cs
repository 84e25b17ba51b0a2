using System.Globalization;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>
/// Folds the delta log written by <see cref="StreamingCounters"/> into the counter rows of
/// <see cref="ServingTables.Counters"/>: reads up to <c>maxDeltaRows</c> delta rows in row-key order, reads the counter
/// rows they touch (one multi-get per partition key), applies the entries merged per row in log order, writes the new counter rows and
/// deletes the folded delta rows.
/// </summary>
/// <remarks>
/// <para>Exactly once on a store that commits batches together (<see cref="ITableStore.CommitsBatchesTogether"/>,
/// SQLite): a fold lands whole or not at all, and two folds racing over the same deltas cannot both commit (the loser's
/// delete of an already-deleted delta row fails and rolls its transaction back). On Azure Table Storage each partition
/// key commits separately; the counter rows are written first and the deltas deleted after, so a fold interrupted in
/// between re-applies those deltas next time (at least once).
/// Run one folder at a time per table: in process on the embedded store (<c>CounterFoldService</c>), as the
/// <c>FoldCounters</c> timer function on Azure (the Functions host runs a timer on one instance at a time,
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#scale-out). Folds within one process are
/// serialised. Thread safe.</para>
/// <para>Every fold moves a generation marker (one row in <see cref="GenerationPartition"/>) by deleting the current one
/// and writing the next in one batch, which fails if another folder moved it first (a compare-and-swap built from the
/// Table service's rule that deleting a missing entity fails its batch). Only folders write counter rows, so while the
/// marker is the one this folder wrote, the rows it wrote are still the stored ones: it keeps them in memory
/// (<see cref="CounterRowCache"/>) and the next fold reads back only rows it did not write. On Azure that saves one
/// Get Entity request per touched row and fold.</para>
/// </remarks>
public sealed class CounterFolder
{
    /// <summary>Partition key where delta rows that cannot be decoded are moved, with <c>Error</c> and <c>QuarantinedAt</c>.</summary>
    public const string QuarantinePartition = "_delta_quarantine";

    /// <summary>Partition key of the fold generation marker: one row, row key the generation (<c>D19</c>), moved by every fold.</summary>
    public const string GenerationPartition = "_fold";

    private readonly ITableStore _tables;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CounterRowCache _cache = new();

    /// <summary>Creates the folder over <paramref name="tables"/> (the Counters table must exist).</summary>
    public CounterFolder(ITableStore tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _tables = tables;
        _time = time;
    }

    /// <summary>Folds pending deltas until none is left or <paramref name="maxDeltaRows"/> rows were folded in one step.</summary>
    /// <param name="maxDeltaRows">Delta rows per fold step, one transaction on SQLite (1 to 100,000; default 20,000). A step holds one merged entry per touched counter row and the delta row keys, not the delta rows.</param>
    /// <param name="cancellationToken">Cancels between steps; a step in flight commits or rolls back whole on SQLite.</param>
    /// <returns>Delta rows folded and counter rows written, over all steps. A delta row that cannot be decoded is not
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
            var total = new CounterFoldResult(0, 0);
            while (true)
            {
                var step = await StepAsync(maxDeltaRows, cancellationToken).ConfigureAwait(false);
                total = new CounterFoldResult(total.DeltaRows + step.DeltaRows, total.CounterRows + step.CounterRows);
                if (step.DeltaRows < maxDeltaRows)
                {
                    return total;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CounterFoldResult> StepAsync(int maxDeltaRows, CancellationToken cancellationToken)
    {
        // Rows are decoded page by page as they arrive (the service returns them in row-key order, that is log order)
        // and merged per counter row, so a step holds one entry per touched row, not the delta rows themselves.
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
            return new CounterFoldResult(0, 0);
        }

        // Rows this folder wrote in the generation still current need not be read back (CounterRowCache).
        var generation = await GenerationAsync(_tables, cancellationToken).ConfigureAwait(false);
        if (generation is null || generation != _cache.Generation)
        {
            _cache.Clear();
        }

        var now = _time.GetUtcNow();
        var rows = new List<TableEntity>(delta.Count);
        foreach (var (partitionKey, rowKeys) in delta.Partitions)
        {
            var cached = _cache.Partition(partitionKey);
            var missing = cached is null ? rowKeys : rowKeys.Where(rk => !cached.ContainsKey(rk)).ToList();
            var found = missing.Count == 0 ? null
                : await _tables.GetManyAsync(ServingTables.Counters, partitionKey, missing, cancellationToken).ConfigureAwait(false);
            rows.AddRange(delta.Apply(partitionKey, rk => cached?.GetValueOrDefault(rk) ?? found?.GetValueOrDefault(rk), now));
        }

        // The generation moves by deleting the current marker and writing the next one in one batch: a folder that
        // raced this one has already deleted it, so this step fails instead of writing from stale rows.
        var next = (generation ?? 0) + 1;
        var marker = new TableEntity(GenerationPartition, GenerationKey(next)) { ["FoldedAt"] = now, ["CounterRows"] = rows.Count };
        IReadOnlyList<TableOperation> swap = generation is { } current
            ? [TableOperation.Delete(GenerationPartition, GenerationKey(current)), TableOperation.Replace(marker)]
            : [TableOperation.Replace(marker)];
        var writes = Batches(rows.Select(TableOperation.Replace));

        // A row that cannot be decoded would stop every later fold: it moves to the quarantine partition with the reason.
        var deletes = Batches(folded.Select(rk => TableOperation.Delete(StreamingCounters.DeltaPartition, rk))
            .Concat(rejected.Select(q => TableOperation.Replace(q))));
        try
        {
            if (_tables.CommitsBatchesTogether)
            {
                await _tables.SubmitBatchesAsync(ServingTables.Counters, [swap, .. writes, .. deletes], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Generation, then counter rows, then the deletes: an interruption re-applies deltas rather than losing them.
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

        // A first fold (no marker yet) cannot tell whether another folder wrote beside it: rows are cached from the next.
        if (generation is null)
        {
            _cache.Clear();
        }
        else
        {
            _cache.Store(rows, next);
        }

        var written = rows.Count;
        return new CounterFoldResult(folded.Count, written);
    }

    /// <summary>The current fold generation, or null before the first fold. Counter rows change only when it moves.</summary>
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
            var quarantined = new TableEntity(QuarantinePartition, row.RowKey) { ["Error"] = e.Message, ["QuarantinedAt"] = _time.GetUtcNow() };
            foreach (var (name, value) in row.Properties)
            {
                quarantined[name] = value;
            }

            rejected.Add(quarantined);
        }
    }

    private static List<IReadOnlyList<TableOperation>> Batches(IEnumerable<TableOperation> operations) =>
        operations.GroupBy(o => o.Entity.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(100))
            .Select(chunk => (IReadOnlyList<TableOperation>)chunk)
            .ToList();
}
