using Obrador.Lake.Storage;

namespace Obrador.Testing;

/// <summary>Forwards every call to another table store; test doubles override only the calls they change.</summary>
public abstract class DelegatingTableStore(ITableStore inner) : ITableStore
{
    /// <summary>The store calls are forwarded to.</summary>
    protected ITableStore Inner { get; } = inner;

    public virtual string Describe => Inner.Describe;

    public virtual bool CommitsBatchesTogether => Inner.CommitsBatchesTogether;

    public virtual Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default) => Inner.CreateTableIfNotExistsAsync(table, cancellationToken);

    public virtual Task<string> UpsertAsync(string table, TableEntity entity, UpsertMode mode = UpsertMode.Merge, CancellationToken cancellationToken = default) =>
        Inner.UpsertAsync(table, entity, mode, cancellationToken);

    public virtual Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default) =>
        Inner.GetAsync(table, partitionKey, rowKey, select, cancellationToken);

    public virtual Task<IReadOnlyDictionary<string, TableEntity>> GetManyAsync(string table, string partitionKey, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken = default) =>
        Inner.GetManyAsync(table, partitionKey, rowKeys, cancellationToken);

    public virtual Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        Inner.QueryAsync(table, partitionKey, query, continuationToken, cancellationToken);

    public virtual Task SubmitBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default) =>
        Inner.SubmitBatchAsync(table, operations, cancellationToken);

    public virtual Task SubmitBatchesAsync(string table, IReadOnlyList<IReadOnlyList<TableOperation>> batches, CancellationToken cancellationToken = default) =>
        Inner.SubmitBatchesAsync(table, batches, cancellationToken);

    public virtual Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default) =>
        Inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);

    public virtual Task CheckAsync(CancellationToken cancellationToken = default) => Inner.CheckAsync(cancellationToken);
}
