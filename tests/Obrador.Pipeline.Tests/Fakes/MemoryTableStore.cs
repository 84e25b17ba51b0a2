using System.Collections.Concurrent;
using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Tests.Fakes;

/// <summary>An in-memory <see cref="ITableStore"/>: ordered partitions, conjunctive filters, atomic batches.</summary>
internal sealed class MemoryTableStore : ITableStore
{
    private readonly ConcurrentDictionary<string, SortedDictionary<(string Pk, string Rk), Dictionary<string, object?>>> _tables = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public string Describe => "memory";

    public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default)
    {
        _tables.GetOrAdd(table, _ => new SortedDictionary<(string, string), Dictionary<string, object?>>(KeyComparer.Instance));
        return Task.CompletedTask;
    }

    public IReadOnlyList<TableEntity> All(string table)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(table, out var t) ? t.Select(kv => ToEntity(kv.Key, kv.Value)).ToList() : [];
        }
    }

    public Task<string> UpsertAsync(string table, TableEntity entity, UpsertMode mode = UpsertMode.Merge, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Apply(Table(table), entity, mode == UpsertMode.Merge ? TableOperationKind.UpsertMerge : TableOperationKind.UpsertReplace);
        }

        return Task.FromResult("\"1\"");
    }

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Table(table).TryGetValue((partitionKey, rowKey), out var p) ? ToEntity((partitionKey, rowKey), p) : null);
        }
    }

    public Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var top = query?.Top ?? 1000;
            var rows = Table(table)
                .Where(kv => kv.Key.Pk == partitionKey && (continuationToken is null || string.CompareOrdinal(kv.Key.Rk, continuationToken) > 0))
                .Select(kv => ToEntity(kv.Key, kv.Value))
                .Where(e => query?.Filter is null || query.Filter.All(c => Matches(e, c)))
                .Take(top + 1)
                .ToList();
            var more = rows.Count > top;
            if (more)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            return Task.FromResult(new TablePage(rows, more ? rows[^1].RowKey : null));
        }
    }

    public Task SubmitBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
    {
        if (operations.Count is 0 or > 100 || operations.Select(o => o.Entity.PartitionKey).Distinct().Count() != 1
            || operations.Select(o => o.Entity.RowKey).Distinct().Count() != operations.Count)
        {
            throw new StorageException(StorageErrorKind.InvalidBatch, table, "Invalid batch.");
        }

        lock (_gate)
        {
            var t = Table(table);
            foreach (var op in operations)
            {
                Apply(t, op.Entity, op.Kind);
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Table(table).Remove((partitionKey, rowKey)));
        }
    }

    public Task CheckAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    private SortedDictionary<(string Pk, string Rk), Dictionary<string, object?>> Table(string table) =>
        _tables.TryGetValue(table, out var t) ? t : throw new StorageException(StorageErrorKind.NotFound, table, "Table not found.", 404);

    private static void Apply(SortedDictionary<(string, string), Dictionary<string, object?>> t, TableEntity e, TableOperationKind kind)
    {
        var key = (e.PartitionKey, e.RowKey);
        if (kind == TableOperationKind.Delete)
        {
            t.Remove(key);
            return;
        }

        var props = kind == TableOperationKind.UpsertMerge && t.TryGetValue(key, out var old) ? new Dictionary<string, object?>(old) : new Dictionary<string, object?>();
        foreach (var (k, v) in e.Properties)
        {
            if (v is null)
            {
                props.Remove(k);
            }
            else
            {
                props[k] = v;
            }
        }

        t[key] = props;
    }

    private static TableEntity ToEntity((string Pk, string Rk) key, Dictionary<string, object?> props)
    {
        var e = new TableEntity(key.Pk, key.Rk);
        foreach (var (k, v) in props)
        {
            e[k] = v;
        }

        return e;
    }

    private static bool Matches(TableEntity e, TableCondition c)
    {
        object? v = c.Property switch { "RowKey" => e.RowKey, "PartitionKey" => e.PartitionKey, _ => e[c.Property] };
        if (v is null)
        {
            return false;
        }

        var cmp = v is string s ? string.CompareOrdinal(s, (string)c.Value) : Comparer<object>.Default.Compare(v, c.Value);
        return c.Op switch
        {
            ComparisonOp.Equal => cmp == 0,
            ComparisonOp.NotEqual => cmp != 0,
            ComparisonOp.GreaterThan => cmp > 0,
            ComparisonOp.GreaterThanOrEqual => cmp >= 0,
            ComparisonOp.LessThan => cmp < 0,
            _ => cmp <= 0,
        };
    }

    private sealed class KeyComparer : IComparer<(string Pk, string Rk)>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare((string Pk, string Rk) x, (string Pk, string Rk) y)
        {
            var c = string.CompareOrdinal(x.Pk, y.Pk);
            return c != 0 ? c : string.CompareOrdinal(x.Rk, y.Rk);
        }
    }
}
