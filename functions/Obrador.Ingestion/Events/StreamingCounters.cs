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
/// <c>LastSequence</c>) is advanced after the counters, and events at or below it are skipped, so a redelivered batch
/// is not counted twice. If the process dies between the counter writes and the watermark, a retry may count part of
/// the batch again: counters are a fast approximation, the silver tables built from bronze are the truth. Concurrent
/// batches of different partitions may race on the same row (read-modify-write without ETags); the table store
/// port offers no conditional merge. Thread safe per partition (the host delivers one batch per partition at a time).</para>
/// </remarks>
public sealed class StreamingCounters : IEventHook
{
    private const string WatermarkPartition = "_watermark";
    private readonly ITableStore _tables;
    private readonly TimeProvider _time;

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

        // Every entity is written whole (the current values were read above), so Replace needs no read inside the store.
        var batches = operations.GroupBy(o => o.Pk, StringComparer.Ordinal)
            .SelectMany(group => group.Select(o => TableOperation.Replace(o.Entity)).Chunk(100))
            .Select(chunk => (IReadOnlyList<TableOperation>)chunk)
            .ToList();
        await _tables.SubmitBatchesAsync(ServingTables.Counters, batches, cancellationToken).ConfigureAwait(false);

        if (batch.FromEventHub)
        {
            var last = accepted.Max(e => e.SequenceNumber);
            if (last > watermark)
            {
                var mark = new TableEntity(WatermarkPartition, "events|" + batch.Partition) { ["LastSequence"] = last, ["UpdatedAt"] = now };
                await _tables.UpsertAsync(ServingTables.Counters, mark, UpsertMode.Merge, cancellationToken).ConfigureAwait(false);
            }
        }

        return operations.Count > 0;
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
