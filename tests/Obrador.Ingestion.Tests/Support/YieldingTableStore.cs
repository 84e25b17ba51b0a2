using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Tests.Support;

/// <summary>
/// Delegates to another table store but yields after every multi-get, so concurrent read-modify-write cycles really
/// interleave (on a fast local store they would usually run back to back and hide a race).
/// </summary>
internal sealed class YieldingTableStore(ITableStore inner) : ITableStore
{
    public string Describe => inner.Describe;

    public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default) => inner.CreateTableIfNotExistsAsync(table, cancellationToken);

    public Task<string> UpsertAsync(string table, TableEntity entity, UpsertMode mode = UpsertMode.Merge, CancellationToken cancellationToken = default) =>
        inner.UpsertAsync(table, entity, mode, cancellationToken);

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default) =>
        inner.GetAsync(table, partitionKey, rowKey, select, cancellationToken);

    public async Task<IReadOnlyDictionary<string, TableEntity>> GetManyAsync(string table, string partitionKey, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken = default)
    {
        var rows = await inner.GetManyAsync(table, partitionKey, rowKeys, cancellationToken).ConfigureAwait(false);
        await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        return rows;
    }

    public Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(table, partitionKey, query, continuationToken, cancellationToken);

    public Task SubmitBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default) =>
        inner.SubmitBatchAsync(table, operations, cancellationToken);

    public bool CommitsBatchesTogether => inner.CommitsBatchesTogether;

    public Task SubmitBatchesAsync(string table, IReadOnlyList<IReadOnlyList<TableOperation>> batches, CancellationToken cancellationToken = default) =>
        inner.SubmitBatchesAsync(table, batches, cancellationToken);

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);

    public Task CheckAsync(CancellationToken cancellationToken = default) => inner.CheckAsync(cancellationToken);
}
