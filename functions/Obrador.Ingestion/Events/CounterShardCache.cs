namespace Obrador.Ingestion.Events;

/// <summary>
/// The counter shards a <see cref="CounterFolder"/> last wrote, decoded, valid for one fold generation: while the
/// generation in the table is the one this folder committed, no one else has written a counter shard since (only folders
/// write them, and every fold moves the generation), so the next fold takes its touched shards from here instead of
/// reading and decoding them again.
/// </summary>
/// <remarks>Holds at most <see cref="MaxCounters"/> counters (about 60 MB; a day × 5,000 items × 30 days is 150,000);
/// past that it starts over and the next fold reads the table. The folder changes cached shards in place, so it clears
/// the cache when a fold fails. Not thread safe: the folder's gate serialises its use.</remarks>
internal sealed class CounterShardCache
{
    /// <summary>Most counters kept.</summary>
    public const int MaxCounters = 500_000;

    private readonly Dictionary<string, Dictionary<int, CounterShard>> _partitions = new(StringComparer.Ordinal);

    /// <summary>The generation the cached shards belong to; -1 when nothing is cached.</summary>
    public long Generation { get; private set; } = -1;

    /// <summary>The cached shard <paramref name="shard"/> of <paramref name="partitionKey"/>, or null.</summary>
    public CounterShard? Get(string partitionKey, int shard) =>
        _partitions.TryGetValue(partitionKey, out var shards) ? shards.GetValueOrDefault(shard) : null;

    /// <summary>Forgets every shard.</summary>
    public void Clear()
    {
        _partitions.Clear();
        Generation = -1;
    }

    /// <summary>Records <paramref name="written"/> (partition key, shard, shard) as committed in <paramref name="generation"/>
    /// (the generation must follow the cached one, or the cache be empty).</summary>
    public void Store(IEnumerable<(string PartitionKey, int Shard, CounterShard Counters)> written, long generation)
    {
        foreach (var (partitionKey, shard, counters) in written)
        {
            if (!_partitions.TryGetValue(partitionKey, out var shards))
            {
                shards = [];
                _partitions[partitionKey] = shards;
            }

            shards[shard] = counters;
        }

        Generation = generation;
        if (_partitions.Values.Sum(p => p.Values.Sum(s => s.Count)) > MaxCounters)
        {
            Clear();
        }
    }
}
