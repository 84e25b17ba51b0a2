using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>
/// The counter rows a <see cref="CounterFolder"/> last wrote, valid for one fold generation: while the generation in the
/// table is the one this folder committed, no one else has written a counter row since (only folders write them, and
/// every fold moves the generation), so the next fold reads its touched rows from here instead of from the table.
/// </summary>
/// <remarks>Holds at most <see cref="MaxRows"/> rows; rows past that are read from the table. Not thread safe: the
/// folder's gate serialises its use.</remarks>
internal sealed class CounterRowCache
{
    /// <summary>Most rows kept (about 100 MB at the worst; a day × 5,000 items × 30 days is 150,000).</summary>
    public const int MaxRows = 250_000;

    private readonly Dictionary<string, Dictionary<string, TableEntity>> _partitions = new(StringComparer.Ordinal);
    private int _rows;

    /// <summary>The generation the cached rows belong to; -1 when nothing is cached.</summary>
    public long Generation { get; private set; } = -1;

    /// <summary>The cached rows of <paramref name="partitionKey"/> (by row key), or null.</summary>
    public IReadOnlyDictionary<string, TableEntity>? Partition(string partitionKey) => _partitions.GetValueOrDefault(partitionKey);

    /// <summary>Forgets every row.</summary>
    public void Clear()
    {
        _partitions.Clear();
        _rows = 0;
        Generation = -1;
    }

    /// <summary>Records <paramref name="rows"/> as written in <paramref name="generation"/> (the generation must follow the cached one, or the cache be empty).</summary>
    public void Store(IEnumerable<TableEntity> rows, long generation)
    {
        foreach (var row in rows)
        {
            if (!_partitions.TryGetValue(row.PartitionKey, out var partition))
            {
                partition = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                _partitions[row.PartitionKey] = partition;
            }

            if (partition.ContainsKey(row.RowKey))
            {
                partition[row.RowKey] = row;
            }
            else if (_rows < MaxRows)
            {
                partition.Add(row.RowKey, row);
                _rows++;
            }
        }

        Generation = generation;
    }
}
