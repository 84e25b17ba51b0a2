using System.Collections.Concurrent;
using Obrador.Lake.Storage;

namespace Obrador.Testing;

/// <summary>A small in-memory ITableStore for tests (merge/replace upserts, point reads, batches, partition queries).</summary>
public sealed class InMemoryTableStore : ITableStore
{
    private readonly ConcurrentDictionary<(string Table, string Pk, string Rk), Dictionary<string, object?>> _rows = new();

    public string Describe => "memory";

    public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<string> UpsertAsync(string table, TableEntity entity, UpsertMode mode = UpsertMode.Merge, CancellationToken cancellationToken = default)
    {
        Upsert(table, entity, mode);
        return Task.FromResult("\"1\"");
    }

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.TryGetValue((table, partitionKey, rowKey), out var props) ? ToEntity(partitionKey, rowKey, props) : null);

    public Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var items = _rows.Where(kv => kv.Key.Table == table && kv.Key.Pk == partitionKey).OrderBy(kv => kv.Key.Rk, StringComparer.Ordinal)
            .Select(kv => ToEntity(kv.Key.Pk, kv.Key.Rk, kv.Value)).ToList();
        return Task.FromResult(new TablePage(items, null));
    }

    /// <summary>All or nothing, as an entity-group transaction: a delete of a missing row fails the batch (404) before anything is applied.</summary>
    public Task SubmitBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
    {
        if (operations.Count is 0 or > 100 || operations.Select(o => o.Entity.PartitionKey).Distinct().Count() > 1)
        {
            throw new StorageException(StorageErrorKind.InvalidBatch, table, "invalid batch");
        }

        lock (_rows)
        {
            if (operations.FirstOrDefault(op => op.Kind == TableOperationKind.Delete && !_rows.ContainsKey((table, op.Entity.PartitionKey, op.Entity.RowKey))) is { } missing)
            {
                throw new StorageException(StorageErrorKind.NotFound, $"{table}/{missing.Entity.PartitionKey}/{missing.Entity.RowKey}", "The batch deletes an entity that does not exist", 404, "ResourceNotFound");
            }

            foreach (var op in operations)
            {
                if (op.Kind == TableOperationKind.Delete)
                {
                    _rows.TryRemove((table, op.Entity.PartitionKey, op.Entity.RowKey), out _);
                }
                else
                {
                    Upsert(table, op.Entity, op.Kind == TableOperationKind.UpsertMerge ? UpsertMode.Merge : UpsertMode.Replace);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.TryRemove((table, partitionKey, rowKey), out _));

    public Task CheckAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public IReadOnlyList<TableEntity> All(string table) =>
        _rows.Where(kv => kv.Key.Table == table).Select(kv => ToEntity(kv.Key.Pk, kv.Key.Rk, kv.Value)).ToList();

    private void Upsert(string table, TableEntity entity, UpsertMode mode)
    {
        lock (_rows)
        {
            var key = (table, entity.PartitionKey, entity.RowKey);
            var props = mode == UpsertMode.Merge && _rows.TryGetValue(key, out var existing) ? new Dictionary<string, object?>(existing) : [];
            foreach (var (k, v) in entity.Properties)
            {
                if (v is not null)
                {
                    props[k] = v;
                }
            }

            _rows[key] = props;
        }
    }

    private static TableEntity ToEntity(string pk, string rk, Dictionary<string, object?> props)
    {
        var e = new TableEntity(pk, rk);
        foreach (var (k, v) in props)
        {
            e[k] = v;
        }

        return e;
    }
}
