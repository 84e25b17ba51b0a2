using System.Globalization;
using System.Text.Json;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>
/// The streaming hook: folds accepted <c>purchase</c>, <c>pos_sale</c> and <c>inventory_snapshot</c> events into the
/// near-real-time <see cref="ServingTables.Counters"/> table (see <c>docs/serving-tables.md</c>).
/// </summary>
/// <remarks>
/// <para>Rows: trending PK <c>trending|{yyyy-MM-dd}</c> (day of <c>occurred_at</c>), RK item or product id,
/// <c>Count</c> (events, Int64) and <c>Units</c> (double); inventory PK <c>inventory|{storeId}</c>, RK product id,
/// <c>OnHand</c> (double: last snapshot minus the till sales after it), <c>SnapshotAt</c>, <c>UpdatedAt</c>.</para>
/// <para>Exactly-once per Event Hub partition: a watermark row (PK <c>_watermark</c>, RK <c>events|{partition}</c>,
/// <c>LastSequence</c>) is written in the same <see cref="ITableStore.SubmitBatchesAsync"/> call as the counters, and
/// events at or below it are skipped, so a redelivered batch is not counted twice. On SQLite that call is one
/// transaction, so counters and watermark commit together; on Azure Table Storage each partition key is its own
/// transaction, and a process dying between them can count part of a batch again on retry. Counters are a fast
/// approximation either way; the silver tables built from bronze are the truth. The read-modify-write of a batch is
/// serialised within the process, so concurrent batches (other partitions, HTTP requests) never overwrite each other's
/// increments; two app instances updating the same row at the same moment still can (the table port offers no
/// conditional merge). Thread safe.</para>
/// </remarks>
public sealed class StreamingCounters : IEventHook
{
    private const string WatermarkPartition = "_watermark";
    private readonly ITableStore _tables;
    private readonly TimeProvider _time;

    // Read-modify-write of the counter rows is one step per process: concurrent batches (other partitions, HTTP
    // requests) would otherwise read the same row and overwrite each other's increment.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the hook over <paramref name="tables"/> (the table must exist).</summary>
    public StreamingCounters(ITableStore tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _tables = tables;
        _time = time;
    }

    /// <inheritdoc />
    public async Task<bool> OnAcceptedAsync(EventBatch batch, IReadOnlyList<BronzeEvent> accepted, bool redelivery, CancellationToken cancellationToken)
    {
        if (redelivery)
        {
            return false;
        }

        long watermark = -1;
        if (batch.FromEventHub)
        {
            var mark = await _tables.GetAsync(ServingTables.Counters, WatermarkPartition, "events|" + batch.Partition, null, cancellationToken).ConfigureAwait(false);
            watermark = mark?.GetInt64("LastSequence") ?? -1;
        }

        var trending = new Dictionary<(string Pk, string Rk), (long Count, double Units)>();
        var inventory = new Dictionary<(string Pk, string Rk), InventoryDelta>();
        foreach (var e in accepted)
        {
            if (e.SequenceNumber <= watermark)
            {
                continue;
            }

            var day = "trending|" + e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            switch (e.EventType)
            {
                case EventTypes.Purchase when e.Basket is not null:
                    foreach (var (item, quantity) in BasketLines(e.Basket))
                    {
                        Add(trending, (day, item), quantity);
                    }

                    break;
                case EventTypes.Purchase:
                    Add(trending, (day, e.ItemId!), (double)e.Quantity!.Value);
                    break;
                case EventTypes.PosSale:
                    Add(trending, (day, e.ProductId!), (double)e.Quantity!.Value);
                    var sale = (Pk: "inventory|" + e.StoreId, Rk: e.ProductId!);
                    inventory[sale] = inventory.GetValueOrDefault(sale).WithSale(e.OccurredAt, (double)e.Quantity.Value);
                    break;
                case EventTypes.InventorySnapshot:
                    var count = (Pk: "inventory|" + e.StoreId, Rk: e.ProductId!);
                    inventory[count] = inventory.GetValueOrDefault(count).WithSnapshot(e.OccurredAt, (double)e.OnHand!.Value);
                    break;
            }
        }

        var now = _time.GetUtcNow();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ApplyAsync(batch, accepted, watermark, trending, inventory, now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the touched rows, adds the batch's increments and writes them with the partition's new watermark.</summary>
    private async Task<bool> ApplyAsync(EventBatch batch, IReadOnlyList<BronzeEvent> accepted, long watermark,
        Dictionary<(string Pk, string Rk), (long Count, double Units)> trending, Dictionary<(string Pk, string Rk), InventoryDelta> inventory,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var operations = new List<(string Pk, TableEntity Entity)>();
        var current = await ReadCurrentAsync(trending.Keys.Concat(inventory.Keys), cancellationToken).ConfigureAwait(false);
        foreach (var ((pk, rk), (count, units)) in trending)
        {
            var row = current.GetValueOrDefault((pk, rk));
            var entity = new TableEntity(pk, rk)
            {
                ["Count"] = (row?.GetInt64("Count") ?? 0) + count,
                ["Units"] = (row?.GetDouble("Units") ?? 0) + units,
                ["UpdatedAt"] = now,
            };
            operations.Add((pk, entity));
        }

        foreach (var ((pk, rk), delta) in inventory)
        {
            operations.Add((pk, delta.Apply(new TableEntity(pk, rk), current.GetValueOrDefault((pk, rk)), now)));
        }

        var counted = operations.Count > 0;
        if (batch.FromEventHub && accepted.Max(e => e.SequenceNumber) is var last && last > watermark)
        {
            operations.Add((WatermarkPartition, new TableEntity(WatermarkPartition, "events|" + batch.Partition) { ["LastSequence"] = last, ["UpdatedAt"] = now }));
        }

        // Every entity is written whole (the current values were read above), so Replace needs no read inside the store;
        // the watermark goes in the same call (one transaction on SQLite: counters and watermark commit together).
        var batches = operations.GroupBy(o => o.Pk, StringComparer.Ordinal)
            .SelectMany(group => group.Select(o => TableOperation.Replace(o.Entity)).Chunk(100))
            .Select(chunk => (IReadOnlyList<TableOperation>)chunk)
            .ToList();
        if (batches.Count > 0)
        {
            await _tables.SubmitBatchesAsync(ServingTables.Counters, batches, cancellationToken).ConfigureAwait(false);
        }

        return counted;
    }

    /// <summary>The current rows for <paramref name="keys"/>: one multi-get per partition key.</summary>
    private async Task<Dictionary<(string Pk, string Rk), TableEntity>> ReadCurrentAsync(IEnumerable<(string Pk, string Rk)> keys, CancellationToken cancellationToken)
    {
        var current = new Dictionary<(string, string), TableEntity>();
        foreach (var partition in keys.GroupBy(k => k.Pk, StringComparer.Ordinal))
        {
            var rows = await _tables.GetManyAsync(ServingTables.Counters, partition.Key, partition.Select(k => k.Rk).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var (rk, row) in rows)
            {
                current[(partition.Key, rk)] = row;
            }
        }

        return current;
    }

    private static void Add(Dictionary<(string, string), (long, double)> map, (string, string) key, double units)
    {
        var (count, sum) = map.GetValueOrDefault(key);
        map[key] = (count + 1, sum + units);
    }

    private static IEnumerable<(string Item, double Quantity)> BasketLines(string basket)
    {
        using var doc = JsonDocument.Parse(basket);
        var lines = new List<(string, double)>();
        foreach (var line in doc.RootElement.EnumerateArray())
        {
            lines.Add((line.GetProperty("item_id").GetString()!, line.GetProperty("quantity").GetDouble()));
        }

        return lines;
    }
}
