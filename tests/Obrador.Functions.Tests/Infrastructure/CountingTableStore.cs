using Obrador.Lake.Storage;

namespace Obrador.Functions.Tests.Infrastructure;

/// <summary>Wraps the real table store: counts point reads and can simulate an outage.</summary>
internal sealed class CountingTableStore : ITableStore
{
    private readonly ITableStore _inner;
    private int _pointReads;

    public CountingTableStore(ITableStore inner) => _inner = inner;

    public string Describe => _inner.Describe;

    public int PointReads => Volatile.Read(ref _pointReads);

    public bool Unreachable { get; set; }

    public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default) => _inner.CreateTableIfNotExistsAsync(table, cancellationToken);

    public Task<string> UpsertAsync(string table, TableEntity entity, UpsertMode mode = UpsertMode.Merge, CancellationToken cancellationToken = default)
    {
        ThrowIfDown(table);
        return _inner.UpsertAsync(table, entity, mode, cancellationToken);
    }

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDown(table);
        Interlocked.Increment(ref _pointReads);
        return _inner.GetAsync(table, partitionKey, rowKey, select, cancellationToken);
    }

    public Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDown(table);
        return _inner.QueryAsync(table, partitionKey, query, continuationToken, cancellationToken);
    }

    public Task SubmitBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default) => _inner.SubmitBatchAsync(table, operations, cancellationToken);

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default) => _inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);

    public Task CheckAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDown("*");
        return _inner.CheckAsync(cancellationToken);
    }

    private void ThrowIfDown(string table)
    {
        if (Unreachable)
        {
            throw new StorageException(StorageErrorKind.Unavailable, table, "simulated outage");
        }
    }
}
