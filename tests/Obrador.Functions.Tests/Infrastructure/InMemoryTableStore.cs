using System.Globalization;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Tests.Infrastructure;

/// <summary>A small ordered in-memory table store for tests (until the embedded SQLite adapter is merged).</summary>
internal sealed class InMemoryTableStore : ITableStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedDictionary<(string Pk, string Rk), TableEntity>> _tables = new(StringComparer.Ordinal);
    private long _etag;

    public string Describe => "memory";

    public bool Unreachable { get; set; }

    public int PointReads;

    public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_tables.ContainsKey(table))
            {
                _tables[table] = new SortedDictionary<(string, string), TableEntity>(Comparer<(string, string)>.Create((a, b) =>
                {
                    var c = string.CompareOrdinal(a.Item1, b.Item1);
                    return c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
                }));
            }
        }

        return Task.CompletedTask;
    }

    public Task<string> UpsertAsync(string table, TableEntity entity, UpsertMode mode = UpsertMode.Merge, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var t = Table(table);
            var copy = new TableEntity(entity.PartitionKey, entity.RowKey);
            if (mode == UpsertMode.Merge && t.TryGetValue((entity.PartitionKey, entity.RowKey), out var old))
            {
                foreach (var (k, v) in old.Properties)
                {
                    copy[k] = v;
                }
            }

            foreach (var (k, v) in entity.Properties)
            {
                if (v is not null)
                {
                    copy[k] = v;
                }
            }

            copy.ETag = "W/\"" + (++_etag).ToString(CultureInfo.InvariantCulture) + "\"";
            t[(entity.PartitionKey, entity.RowKey)] = copy;
            return Task.FromResult(copy.ETag);
        }
    }

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDown(table);
        Interlocked.Increment(ref PointReads);
        lock (_gate)
        {
            return Task.FromResult(Table(table).TryGetValue((partitionKey, rowKey), out var e) ? Clone(e) : null);
        }
    }

    public Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDown(table);
        lock (_gate)
        {
            var top = query?.Top ?? 1000;
            var rows = Table(table).Where(kv => kv.Key.Pk == partitionKey && (continuationToken is null || string.CompareOrdinal(kv.Key.Rk, continuationToken) > 0))
                .Select(kv => kv.Value).Where(e => (query?.Filter ?? []).All(c => Matches(e, c))).Take(top + 1).ToList();
            var more = rows.Count > top;
            var page = rows.Take(top).Select(Clone).ToList();
            return Task.FromResult(new TablePage(page, more ? page[^1].RowKey : null));
        }
    }

    public async Task SubmitBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
    {
        foreach (var op in operations)
        {
            if (op.Kind == TableOperationKind.Delete)
            {
                await DeleteAsync(table, op.Entity.PartitionKey, op.Entity.RowKey, cancellationToken: cancellationToken);
            }
            else
            {
                await UpsertAsync(table, op.Entity, op.Kind == TableOperationKind.UpsertMerge ? UpsertMode.Merge : UpsertMode.Replace, cancellationToken);
            }
        }
    }

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Table(table).Remove((partitionKey, rowKey)));
        }
    }

    public Task CheckAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDown("*");
        return Task.CompletedTask;
    }

    private void ThrowIfDown(string table)
    {
        if (Unreachable)
        {
            throw new StorageException(StorageErrorKind.Unavailable, table, "store is down");
        }
    }

    private SortedDictionary<(string Pk, string Rk), TableEntity> Table(string table) =>
        _tables.TryGetValue(table, out var t) ? t : throw new StorageException(StorageErrorKind.NotFound, table, "table does not exist");

    private static TableEntity Clone(TableEntity e)
    {
        var c = new TableEntity(e.PartitionKey, e.RowKey) { ETag = e.ETag };
        foreach (var (k, v) in e.Properties)
        {
            c[k] = v;
        }

        return c;
    }

    private static bool Matches(TableEntity e, TableCondition c)
    {
        object? value = c.Property switch { "RowKey" => e.RowKey, "PartitionKey" => e.PartitionKey, _ => e[c.Property] };
        if (value is null)
        {
            return false;
        }

        var cmp = (value, c.Value) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (IComparable a, _) when a.GetType() == c.Value.GetType() => a.CompareTo(c.Value),
            _ => Convert.ToDouble(value, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(c.Value, CultureInfo.InvariantCulture)),
        };
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
}
