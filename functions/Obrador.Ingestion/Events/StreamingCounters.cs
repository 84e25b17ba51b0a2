using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>
/// The streaming hook: logs each batch's effect on the near-real-time <see cref="ServingTables.Counters"/> table (see
/// <c>docs/serving-tables.md</c>) as append-only delta rows, which <see cref="CounterFolder"/> folds into the counter rows.
/// </summary>
/// <remarks>
/// <para>Counter rows: trending PK <c>trending|{yyyy-MM-dd}</c> (day of <c>occurred_at</c>), RK item or product id,
/// <c>Count</c> (events, Int64) and <c>Units</c> (double); inventory PK <c>inventory|{storeId}</c>, RK product id,
/// <c>OnHand</c> (double: last snapshot minus the till sales after it), <c>SnapshotAt</c>, <c>UpdatedAt</c>.</para>
/// <para>Write path: a batch of 1,000 events touches hundreds of counter rows scattered over the table; updating them
/// in place costs a read and a write of each (on SQLite, hundreds of WAL pages per batch). Instead the batch's increments
/// are aggregated in memory and written as one delta row (PK <see cref="DeltaPartition"/>, RK
/// <c>{partition}|{firstSequence:D19}|{chunk:D3}</c>; <see cref="CounterDelta"/> gives the encoding) — a log-structured
/// merge in the sense of O'Neil et al. 1996, "The log-structured merge-tree", Acta Informatica 33(4). The fold applies
/// many batches' deltas at once, so a hot row is written once per fold, not once per batch.</para>
/// <para>Exactly-once per Event Hub partition: a watermark row (PK <c>_watermark</c>, RK <c>events|{partition}</c>,
/// <c>LastSequence</c>) is written in the same <see cref="ITableStore.SubmitBatchesAsync"/> call as the delta, and
/// events at or below it are skipped, so a redelivered batch is not counted twice; a redelivery that races the
/// watermark rewrites the same delta row key. On SQLite that call is one transaction. Counters are a fast approximation
/// on Azure Table Storage (each partition key commits separately); the silver tables built from bronze are the truth.
/// Thread safe; the hook never reads or writes a counter row, so concurrent batches cannot lose each other's
/// increments.</para>
/// </remarks>
public sealed class StreamingCounters : IEventHook
{
    /// <summary>Partition key of the delta log in <see cref="ServingTables.Counters"/>.</summary>
    public const string DeltaPartition = "_delta";

    private const string WatermarkPartition = "_watermark";
    private readonly ITableStore _tables;
    private readonly TimeProvider _time;
    private readonly DayKey?[] _days = new DayKey?[512];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _stores = new(StringComparer.Ordinal);

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

        var (delta, first) = Aggregate(accepted, watermark);
        var now = _time.GetUtcNow();
        var batches = new List<IReadOnlyList<TableOperation>>();
        if (delta.Count > 0)
        {
            // At most three ~1 MiB rows per entity-group transaction (the service's 4 MiB payload limit).
            var rows = delta.ToRows(DeltaPartition, FormattableString.Invariant($"{batch.Partition}|{first:D19}"), now);
            batches.AddRange(rows.Select(TableOperation.Replace).Chunk(3));
        }

        if (batch.FromEventHub && accepted.Max(e => e.SequenceNumber) is var last && last > watermark)
        {
            batches.Add([TableOperation.Replace(new TableEntity(WatermarkPartition, "events|" + batch.Partition) { ["LastSequence"] = last, ["UpdatedAt"] = now })]);
        }

        if (batches.Count > 0)
        {
            await _tables.SubmitBatchesAsync(ServingTables.Counters, batches, cancellationToken).ConfigureAwait(false);
        }

        return delta.Count > 0;
    }

    /// <summary>The batch's counter increments past <paramref name="watermark"/>, and the first sequence number counted.</summary>
    private (CounterDelta Delta, long First) Aggregate(IReadOnlyList<BronzeEvent> accepted, long watermark)
    {
        var delta = new CounterDelta();
        var first = long.MaxValue;
        foreach (var e in accepted)
        {
            if (e.SequenceNumber <= watermark)
            {
                continue;
            }

            first = Math.Min(first, e.SequenceNumber);
            switch (e.EventType)
            {
                case EventTypes.Purchase when e.Basket is not null:
                    AddBasket(delta, Day(e.OccurredAt), e.Basket);
                    break;
                case EventTypes.Purchase:
                    delta.AddTrending(Day(e.OccurredAt), e.ItemId!, 1, (double)e.Quantity!.Value);
                    break;
                case EventTypes.PosSale:
                    delta.AddTrending(Day(e.OccurredAt), e.ProductId!, 1, (double)e.Quantity!.Value);
                    delta.AddSale(Store(e.StoreId!), e.ProductId!, e.OccurredAt, (double)e.Quantity.Value);
                    break;
                case EventTypes.InventorySnapshot:
                    delta.AddSnapshot(Store(e.StoreId!), e.ProductId!, e.OccurredAt, (double)e.OnHand!.Value);
                    break;
            }
        }

        return (delta, first == long.MaxValue ? 0 : first);
    }

    /// <summary><c>inventory|{storeId}</c>, interned per store so a batch allocates each key once.</summary>
    private string Store(string storeId) =>
        _stores.TryGetValue(storeId, out var key) ? key : _stores.Count < 100_000 ? _stores.GetOrAdd(storeId, "inventory|" + storeId) : "inventory|" + storeId;

    /// <summary><c>trending|{yyyy-MM-dd}</c> of the UTC day of <paramref name="at"/>, cached per day number.</summary>
    private string Day(DateTimeOffset at)
    {
        var number = at.UtcTicks / TimeSpan.TicksPerDay;
        ref var slot = ref _days[(int)((ulong)number % (ulong)_days.Length)];
        if (Volatile.Read(ref slot) is { } cached && cached.Number == number)
        {
            return cached.Key;
        }

        var key = "trending|" + at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Volatile.Write(ref slot, new DayKey(number, key));
        return key;
    }

    /// <summary>One trending increment per basket line (the parser has validated <c>item_id</c> and <c>quantity</c>).</summary>
    private static void AddBasket(CounterDelta delta, string day, string basket)
    {
        var max = Encoding.UTF8.GetMaxByteCount(basket.Length);
        var rented = max > 2048 ? ArrayPool<byte>.Shared.Rent(max) : null;
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[2048];
            var reader = new Utf8JsonReader(buffer[..Encoding.UTF8.GetBytes(basket, buffer)]);
            string? item = null;
            double quantity = 0;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject when reader.CurrentDepth == 1:
                        (item, quantity) = (null, 0);
                        break;
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 2:
                        var (isItem, isQuantity) = (reader.ValueTextEquals("item_id"u8), reader.ValueTextEquals("quantity"u8));
                        reader.Read();
                        if (isItem)
                        {
                            item = reader.GetString();
                        }
                        else if (isQuantity)
                        {
                            quantity = reader.GetDouble();
                        }
                        else
                        {
                            reader.Skip();
                        }

                        break;
                    case JsonTokenType.EndObject when reader.CurrentDepth == 1 && item is not null:
                        delta.AddTrending(day, item, 1, quantity);
                        break;
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private sealed record DayKey(long Number, string Key);
}
