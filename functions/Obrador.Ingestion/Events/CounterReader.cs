using System.Collections.Concurrent;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>One item's live trending counter for a day: events counted and units.</summary>
/// <param name="Id">Item id (online shop) or product id (tills).</param>
/// <param name="Count">Purchase basket lines and till sales counted, events.</param>
/// <param name="Units">Units bought or sold.</param>
public sealed record TrendingCount(string Id, long Count, double Units);

/// <summary>A day's live trending counters, most counted first.</summary>
/// <param name="Day">The UTC day of <c>occurred_at</c> counted.</param>
/// <param name="Items">At most the requested number of items, by <c>Count</c> descending, then <c>Units</c> descending, then id.</param>
/// <param name="ItemsCounted">Items with a counter that day (all of them, not only those returned).</param>
/// <param name="UpdatedAt">When the latest fold wrote one of the day's rows; null when the day has none.</param>
public sealed record LiveTrending(DateOnly Day, IReadOnlyList<TrendingCount> Items, int ItemsCounted, DateTimeOffset? UpdatedAt);

/// <summary>One product's live on-hand stock in a store.</summary>
/// <param name="ProductId">Product id.</param>
/// <param name="OnHand">Units: the last stock count minus the till sales after it (negative when more was sold than counted).</param>
/// <param name="SnapshotAt">Time of the last stock count, or null when only sales have been seen.</param>
/// <param name="UpdatedAt">When the fold last wrote the row.</param>
public sealed record InventoryLevel(string ProductId, double OnHand, DateTimeOffset? SnapshotAt, DateTimeOffset? UpdatedAt);

/// <summary>
/// Reads the near-real-time counters that <see cref="CounterFolder"/> keeps in <see cref="ServingTables.Counters"/>
/// (32 shard rows per day or store, <see cref="CounterShard"/>): a day's most counted items and a store's on-hand stock.
/// The counters lag the events by one fold interval; the silver tables built from bronze are the truth.
/// </summary>
/// <remarks>
/// <para>A call reads one partition key (a day's trending shards, or a store's inventory shards: one page request on
/// Azure), decodes the shards and keeps only what it returns: a top-<c>n</c> heap for trending. Rows that are not
/// shards (such as per-item rows of the layout before shards) are skipped.</para>
/// <para>Answers are also kept per fold generation on a store that commits a fold whole
/// (<see cref="ITableStore.CommitsBatchesTogether"/>, SQLite): there counter shards change only when a fold commits, in the
/// same transaction that moves the generation marker (<see cref="CounterFolder.GenerationPartition"/>). Each call reads
/// the marker (one small query) and answers from memory while it has not moved, so a cached answer is never older than
/// the last fold. On Azure Table Storage a fold moves the marker first and writes its rows batch by batch after, so an
/// answer computed meanwhile could mix two folds; nothing is cached there. Before the first fold nothing is cached.
/// At most <see cref="MaxCached"/> answers are kept. Thread safe.</para>
/// </remarks>
public sealed class CounterReader
{
    /// <summary>Most answers kept (trending per day and count, inventory per store); past it the cache starts over.</summary>
    public const int MaxCached = 1024;

    private readonly ITableStore _tables;
    private readonly ConcurrentDictionary<(DateOnly Day, int N), (long Generation, LiveTrending Answer)> _trending = new();
    private readonly ConcurrentDictionary<string, (long Generation, IReadOnlyList<InventoryLevel> Answer)> _inventory = new(StringComparer.Ordinal);

    /// <summary>Creates the reader over <paramref name="tables"/>.</summary>
    public CounterReader(ITableStore tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
    }

    /// <summary>The <paramref name="n"/> most counted items of <paramref name="day"/>.</summary>
    /// <param name="day">UTC day of the events' <c>occurred_at</c>.</param>
    /// <param name="n">Items to return, 1 to 1,000.</param>
    /// <param name="cancellationToken">Cancels between pages.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is outside 1–1,000.</exception>
    /// <exception cref="StorageException">The table store failed.</exception>
    public async Task<LiveTrending> TrendingAsync(DateOnly day, int n, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 1000);
        var generation = await GenerationAsync(cancellationToken).ConfigureAwait(false);
        if (generation is { } g && _trending.TryGetValue((day, n), out var cached) && cached.Generation == g)
        {
            return cached.Answer;
        }

        // The worst kept item is at the head: a counter beats it or is dropped.
        var top = new PriorityQueue<TrendingCount, TrendingCount>(n + 1, Comparer<TrendingCount>.Create((a, b) => Rank(b, a)));
        var counted = 0;
        DateTimeOffset? updatedAt = null;
        await foreach (var (row, shard) in ShardsAsync(StreamingCounters.TrendingKey(day), cancellationToken).ConfigureAwait(false))
        {
            counted += shard.Count;
            updatedAt = Later(updatedAt, row.GetDateTimeOffset("UpdatedAt"));
            foreach (var (id, counter) in shard.Counters)
            {
                if (top.Count == n && !Beats(counter, top.Peek()))
                {
                    continue;
                }

                var item = new TrendingCount(id, counter.Count, counter.Units);
                if (top.Count < n)
                {
                    top.Enqueue(item, item);
                }
                else
                {
                    top.EnqueueDequeue(item, item);
                }
            }
        }

        var items = top.UnorderedItems.Select(e => e.Element).ToList();
        items.Sort(Rank);
        var answer = new LiveTrending(day, items, counted, updatedAt);
        Keep(_trending, (day, n), generation, answer);
        return answer;
    }

    /// <summary>The on-hand stock of every product counted in store <paramref name="storeId"/>, by product id (ordinal).</summary>
    /// <param name="storeId">Store id as in the events' <c>store_id</c>.</param>
    /// <param name="cancellationToken">Cancels between pages.</param>
    /// <returns>Empty when the store has no inventory counter.</returns>
    /// <exception cref="StorageException">The table store failed.</exception>
    public async Task<IReadOnlyList<InventoryLevel>> InventoryAsync(string storeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeId);
        var generation = await GenerationAsync(cancellationToken).ConfigureAwait(false);
        if (generation is { } g && _inventory.TryGetValue(storeId, out var cached) && cached.Generation == g)
        {
            return cached.Answer;
        }

        var levels = new List<InventoryLevel>();
        await foreach (var (_, shard) in ShardsAsync(StreamingCounters.InventoryKey(storeId), cancellationToken).ConfigureAwait(false))
        {
            levels.AddRange(shard.Counters.Select(c => new InventoryLevel(c.Key, c.Value.OnHand, c.Value.SnapshotAt, c.Value.UpdatedAt)));
        }

        levels.Sort((a, b) => string.CompareOrdinal(a.ProductId, b.ProductId));

        Keep(_inventory, storeId, generation, levels);
        return levels;
    }

    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>: more events, then more units, then the smaller id.</summary>
    private static int Rank(TrendingCount a, TrendingCount b)
    {
        var byCount = b.Count.CompareTo(a.Count);
        if (byCount != 0)
        {
            return byCount;
        }

        var byUnits = b.Units.CompareTo(a.Units);
        return byUnits != 0 ? byUnits : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>Keeps <paramref name="answer"/> under the generation read before it was computed (a fold that lands meanwhile
    /// moves the marker, so the next call computes again).</summary>
    private static void Keep<TKey, TAnswer>(ConcurrentDictionary<TKey, (long, TAnswer)> cache, TKey key, long? generation, TAnswer answer)
        where TKey : notnull
    {
        if (generation is not { } g)
        {
            return;
        }

        if (cache.Count >= MaxCached)
        {
            cache.Clear();
        }

        cache[key] = (g, answer);
    }

    /// <summary>The fold generation answers are kept under, or null when nothing may be cached (see the remarks).</summary>
    private async Task<long?> GenerationAsync(CancellationToken cancellationToken) =>
        _tables.CommitsBatchesTogether ? await CounterFolder.GenerationAsync(_tables, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>True when <paramref name="c"/> ranks before <paramref name="kept"/> (as <see cref="Rank"/>), without building its answer.</summary>
    private static bool Beats(in Counter c, TrendingCount kept) =>
        c.Count != kept.Count ? c.Count > kept.Count : c.Units != kept.Units ? c.Units > kept.Units : true;

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null || b > a ? b : a;

    /// <summary>The counter shards of <paramref name="partitionKey"/>, page by page. Rows that are not shards, or cannot be
    /// decoded, are skipped: the next fold that touches a broken shard quarantines it (<see cref="CounterFolder"/>).</summary>
    private async IAsyncEnumerable<(TableEntity Row, CounterShard Shard)> ShardsAsync(string partitionKey,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await _tables.QueryAsync(ServingTables.Counters, partitionKey, new TableQuery(), token, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Items)
            {
                CounterShard? shard = null;
                try
                {
                    shard = CounterShard.IsShardRow(row) ? CounterShard.Decode(row) : null;
                }
                catch (InvalidDataException)
                {
                }

                if (shard is not null)
                {
                    yield return (row, shard);
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
