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
/// <c>docs/serving-tables.md</c>) as append-only delta rows, which <see cref="CounterFolder"/> folds into the counters.
/// </summary>
/// <remarks>
/// <para>Counters: trending per day (PK <c>trending|{yyyy-MM-dd}</c>, day of <c>occurred_at</c>) and item or product id:
/// count (events) and units; inventory per store (PK <c>inventory|{storeId}</c>) and product id: on hand (last snapshot
/// minus the till sales after it) and snapshot time. Each partition key's counters are stored in 32 shard rows
/// (<see cref="CounterShard"/>), written by <see cref="CounterFolder"/> and read by <see cref="CounterReader"/>.</para>
/// <para>Write path: a batch of 1,000 events touches hundreds of counters scattered over the table; updating them
/// in place costs a read and a write of their rows (on SQLite, hundreds of WAL pages per batch). Instead the batch's
/// increments are appended, one entry per counted event, to one delta row (PK <see cref="DeltaPartition"/>, RK
/// <c>{writtenAtTicks:D19}|{partition}|{firstSequence:D19}|{chunk:D3}</c>, so row-key order is arrival order;
/// <see cref="CounterDelta"/> gives the encoding) — a log-structured
/// merge in the sense of O'Neil et al. 1996, "The log-structured merge-tree", Acta Informatica 33(4). The fold merges
/// many batches' deltas per counter as it decodes them, so a hot counter's shard is written once per fold, not once per
/// batch.</para>
/// <para>Exactly-once per Event Hub partition and per HTTP body: events at or below the partition's watermark (PK
/// <c>_watermark</c>, RK <see cref="WatermarkKey"/>, <c>LastSequence</c>) are skipped, so a redelivered batch is not
/// counted twice. An HTTP body is the partition <c>http-{digest}</c> with its indices as sequence numbers, so a client's
/// retry after a failed attempt (bronze written, counting failed) counts the body once; <see cref="CounterFolder"/>
/// deletes a body's watermark row <see cref="HttpWatermarkLifetime"/> after it was written, by which time a resend is
/// flagged as a redelivery by <see cref="EventIngestor"/> instead. The
/// watermark moves by compare-and-swap, as the fold's generation marker does: one entity-group batch deletes the current
/// row and writes the next, and fails (404) when another writer moved it first; the hook then reads the watermark again
/// and recounts past it (at most <see cref="MaxAttempts"/> times). A partition whose first read finds no row gets a base
/// row (−1, or where a row of the earlier <c>events|{partition}</c> layout left off), so even its first watermark is a
/// swap. The hook therefore keeps each partition's watermark in memory and
/// reads it only when it first meets the partition or after a failed swap: a stale watermark costs one failed swap,
/// never a double count. On SQLite (<see cref="ITableStore.CommitsBatchesTogether"/>) the swap and the delta commit in one
/// transaction. On Azure Table Storage each partition key commits separately: the swap commits first, so an interruption
/// between the two loses the batch's increments rather than counting them twice — counters are a fast approximation
/// there; the silver tables built from bronze are the truth. Thread safe; the hook never reads or writes a counter,
/// so concurrent batches cannot lose each other's increments.</para>
/// </remarks>
public sealed class StreamingCounters : IEventHook
{
    /// <summary>Partition key of the delta log in <see cref="ServingTables.Counters"/>.</summary>
    public const string DeltaPartition = "_delta";

    /// <summary>Attempts of one batch when other writers keep moving the partition's watermark first.</summary>
    public const int MaxAttempts = 8;

    /// <summary>How long an HTTP body's watermark row is kept: <see cref="EventIngestor.RedeliveryAfter"/> and 2 days more,
    /// so it outlives the window in which a resend of the body is not flagged as a redelivery.</summary>
    public static readonly TimeSpan HttpWatermarkLifetime = EventIngestor.RedeliveryAfter + TimeSpan.FromDays(2);

    /// <summary>Partition key of the watermark rows in <see cref="ServingTables.Counters"/>.</summary>
    public const string WatermarkPartition = "_watermark";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Watermark> _watermarks = new(StringComparer.Ordinal);
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
    /// <exception cref="StorageException">From the table store; also when the watermark kept moving under
    /// <see cref="MaxAttempts"/> attempts in a row.</exception>
    public async Task<bool> OnAcceptedAsync(EventBatch batch, IReadOnlyList<BronzeEvent> accepted, bool redelivery, CancellationToken cancellationToken)
    {
        if (redelivery)
        {
            return false;
        }

        // An HTTP body is a partition of its own (http-{digest}) whose sequence numbers are its indices: its watermark
        // says whether the body was counted, so a retry after a failed attempt counts it once. It is read every time
        // (a body is rarely seen twice, and caching one entry per body would grow without bound).
        for (var attempt = 1; ; attempt++)
        {
            var mark = batch.FromEventHub && _watermarks.TryGetValue(batch.Partition, out var cached) ? cached : await ReadWatermarkAsync(batch.Partition, cancellationToken).ConfigureAwait(false);
            try
            {
                return await AppendAsync(batch, accepted, mark, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound && attempt < MaxAttempts)
            {
                // Another writer moved the watermark first (the swap's delete found no row): read it again and recount.
                _watermarks.TryRemove(batch.Partition, out _);
            }
        }
    }

    /// <summary>Partition key of the trending counters of <paramref name="day"/> (UTC day of <c>occurred_at</c>): <c>trending|{yyyy-MM-dd}</c>.</summary>
    public static string TrendingKey(DateOnly day) => "trending|" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Partition key of the inventory counters of store <paramref name="storeId"/>: <c>inventory|{storeId}</c>.</summary>
    public static string InventoryKey(string storeId) => "inventory|" + storeId;

    /// <summary>Row key of the watermark row of <paramref name="partition"/> at <paramref name="lastSequence"/>:
    /// <c>events|{partition}|{lastSequence:D19}</c> (the base row of a new partition, −1, is <c>…|-0000000000000000001</c>).</summary>
    public static string WatermarkKey(string partition, long lastSequence) =>
        FormattableString.Invariant($"events|{partition}|{lastSequence:D19}");

    /// <summary>Writes the batch's delta row(s) and moves the partition's watermark past its last event.</summary>
    private async Task<bool> AppendAsync(EventBatch batch, IReadOnlyList<BronzeEvent> accepted, Watermark? mark, CancellationToken cancellationToken)
    {
        using var delta = new CounterDelta.Writer();
        var first = Append(delta, accepted, mark?.LastSequence ?? -1);
        var now = _time.GetUtcNow();
        var writes = new List<IReadOnlyList<TableOperation>>();
        if (delta.Entries > 0)
        {
            // Keyed by write time first, so the fold, which reads in row-key order, merges batches in the order they
            // arrived, whatever their partitions: a stock count and the till sales after it compose as they happened.
            var rows = delta.ToRows(DeltaPartition, FormattableString.Invariant($"{now.UtcTicks:D19}|{batch.Partition}|{first:D19}"), now);
            writes.AddRange(CounterBytes.Batches(rows.Select(TableOperation.Replace)));
        }

        IReadOnlyList<TableOperation>? swap = null;
        Watermark? next = null;
        if (mark is not null && accepted.Count > 0 && accepted.Max(e => e.SequenceNumber) is var last && last > mark.LastSequence)
        {
            next = new Watermark(last, WatermarkKey(batch.Partition, last));
            var row = new TableEntity(WatermarkPartition, next.RowKey) { ["LastSequence"] = last, ["UpdatedAt"] = now };
            swap = [TableOperation.Delete(WatermarkPartition, mark.RowKey), TableOperation.Replace(row)];
        }

        if (swap is not null && _tables.CommitsBatchesTogether)
        {
            // One transaction: a failed swap takes the delta rows back with it.
            await _tables.SubmitBatchesAsync(ServingTables.Counters, [swap, .. writes], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Each partition key commits on its own: the swap goes first, so a writer that lost the race has written
            // nothing. An interruption between the two loses this batch's increments instead of counting them twice.
            if (swap is not null)
            {
                await _tables.SubmitBatchAsync(ServingTables.Counters, swap, cancellationToken).ConfigureAwait(false);
            }

            if (writes.Count > 0)
            {
                await _tables.SubmitBatchesAsync(ServingTables.Counters, writes, cancellationToken).ConfigureAwait(false);
            }
        }

        // HTTP bodies are not cached (see OnAcceptedAsync).
        if (batch.FromEventHub && next is not null)
        {
            _watermarks.AddOrUpdate(batch.Partition, next, (_, current) => current.LastSequence >= next.LastSequence ? current : next);
        }
        else if (batch.FromEventHub && mark is not null)
        {
            _watermarks.TryAdd(batch.Partition, mark);
        }

        return delta.Entries > 0;
    }

    /// <summary>
    /// The partition's watermark as stored: the row with the highest <c>LastSequence</c>. A partition seen for the first
    /// time gets a base row (−1, or the sequence of a row left by the earlier <c>events|{partition}</c> layout) first,
    /// so that even its first watermark is a swap: a writer that read no row and then wrote one unconditionally could
    /// overwrite a concurrent first writer's delta or count its events again.
    /// </summary>
    private async Task<Watermark> ReadWatermarkAsync(string partition, CancellationToken cancellationToken)
    {
        var prefix = "events|" + partition + "|";
        var query = new TableQuery(
            [new TableCondition("RowKey", ComparisonOp.GreaterThanOrEqual, prefix), new TableCondition("RowKey", ComparisonOp.LessThan, "events|" + partition + "}")],
            ["LastSequence"]);
        for (var pass = 0; ; pass++)
        {
            Watermark? mark = null;
            string? token = null;
            do
            {
                var page = await _tables.QueryAsync(ServingTables.Counters, WatermarkPartition, query, token, cancellationToken).ConfigureAwait(false);
                foreach (var row in page.Items)
                {
                    // Only this partition's rows: a longer partition id may share the prefix ("1|2" after "1").
                    if (row.GetInt64("LastSequence") is { } last && last > (mark?.LastSequence ?? long.MinValue) && row.RowKey == WatermarkKey(partition, last))
                    {
                        mark = new Watermark(last, row.RowKey);
                    }
                }

                token = page.ContinuationToken;
            }
            while (token is not null);

            if (mark is not null || pass > 0)
            {
                return mark ?? throw new StorageException(StorageErrorKind.Service, $"{ServingTables.Counters}/{WatermarkPartition}", $"The base watermark row of partition {partition} was written but cannot be read back");
            }

            // Written before the second read, which therefore also sees any watermark another writer has swapped in
            // meanwhile (a base row written after that is left behind, and reads take the highest row). A lake written
            // before watermarks were swapped holds one row per partition under events|{partition}: the base starts there
            // (HTTP bodies had no watermark in that layout, so they skip the read).
            var legacy = partition.StartsWith("http-", StringComparison.Ordinal) ? null
                : await _tables.GetAsync(ServingTables.Counters, WatermarkPartition, "events|" + partition, ["LastSequence"], cancellationToken).ConfigureAwait(false);
            var start = legacy?.GetInt64("LastSequence") ?? -1;
            await _tables.UpsertAsync(ServingTables.Counters, new TableEntity(WatermarkPartition, WatermarkKey(partition, start)) { ["LastSequence"] = start, ["UpdatedAt"] = _time.GetUtcNow() },
                UpsertMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes one entry per counter increment of the batch past <paramref name="watermark"/>; returns the first sequence number counted.</summary>
    private long Append(CounterDelta.Writer delta, IReadOnlyList<BronzeEvent> accepted, long watermark)
    {
        var first = long.MaxValue;
        List<BronzeEvent>? stock = null;
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
                    delta.Trending(Day(e.OccurredAt), e.ItemId!, (double)e.Quantity!.Value);
                    break;
                case EventTypes.PosSale:
                    delta.Trending(Day(e.OccurredAt), e.ProductId!, (double)e.Quantity!.Value);
                    (stock ??= []).Add(e);
                    break;
                case EventTypes.InventorySnapshot:
                    (stock ??= []).Add(e);
                    break;
            }
        }

        // On-hand is the last count less the sales after it in time, so the batch's sales and counts are logged in
        // occurred_at order (a stable sort) and the fold applies them in log order: a count that arrives behind later
        // sales of the same batch does not hide them.
        if (stock is not null)
        {
            foreach (var e in stock.OrderBy(e => e.OccurredAt))
            {
                if (e.EventType == EventTypes.PosSale)
                {
                    delta.Sale(Store(e.StoreId!), e.ProductId!, (double)e.Quantity!.Value);
                }
                else
                {
                    delta.Snapshot(Store(e.StoreId!), e.ProductId!, e.OccurredAt, (double)e.OnHand!.Value);
                }
            }
        }

        return first == long.MaxValue ? 0 : first;
    }

    /// <summary><c>inventory|{storeId}</c>, interned per store so a batch allocates each key once.</summary>
    private string Store(string storeId) =>
        _stores.TryGetValue(storeId, out var key) ? key : _stores.Count < 100_000 ? _stores.GetOrAdd(storeId, InventoryKey) : InventoryKey(storeId);

    /// <summary><c>trending|{yyyy-MM-dd}</c> of the UTC day of <paramref name="at"/>, cached per day number.</summary>
    private string Day(DateTimeOffset at)
    {
        var number = at.UtcTicks / TimeSpan.TicksPerDay;
        ref var slot = ref _days[(int)((ulong)number % (ulong)_days.Length)];
        if (Volatile.Read(ref slot) is { } cached && cached.Number == number)
        {
            return cached.Key;
        }

        var key = TrendingKey(DateOnly.FromDateTime(at.UtcDateTime));
        Volatile.Write(ref slot, new DayKey(number, key));
        return key;
    }

    /// <summary>One trending increment per basket line (the parser has validated <c>item_id</c> and <c>quantity</c>).</summary>
    private static void AddBasket(CounterDelta.Writer delta, string day, string basket)
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
                        delta.Trending(day, item, quantity);
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

    /// <summary>A partition's watermark: the last sequence number counted and the row holding it.</summary>
    private sealed record Watermark(long LastSequence, string RowKey);
}
