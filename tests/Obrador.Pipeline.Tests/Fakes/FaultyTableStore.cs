using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Tests.Fakes;

/// <summary>Wraps a table store; upserts, batches and deletes go through <see cref="FaultPlan"/> (a batch is atomic: all or nothing).</summary>
internal sealed class FaultyTableStore(ITableStore inner, FaultPlan plan, bool landFirst) : ITableStore
{
    public string Describe => inner.Describe;

    public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default) => inner.CreateTableIfNotExistsAsync(table, cancellationToken);

    public Task<string> UpsertAsync(string table, TableEntity entity, UpsertMode mode = UpsertMode.Merge, CancellationToken cancellationToken = default)
    {
        var etag = string.Empty;
        plan.OnWrite(() => etag = inner.UpsertAsync(table, entity, mode, cancellationToken).GetAwaiter().GetResult(), landFirst);
        return Task.FromResult(etag);
    }

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default) =>
        plan.Crashed ? throw new SimulatedCrashException(plan.Writes) : inner.GetAsync(table, partitionKey, rowKey, select, cancellationToken);

    public Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        plan.Crashed ? throw new SimulatedCrashException(plan.Writes) : inner.QueryAsync(table, partitionKey, query, continuationToken, cancellationToken);

    public Task SubmitBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
    {
        plan.OnWrite(() => inner.SubmitBatchAsync(table, operations, cancellationToken).GetAwaiter().GetResult(), landFirst);
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        var result = false;
        plan.OnWrite(() => result = inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken).GetAwaiter().GetResult(), landFirst);
        return Task.FromResult(result);
    }

    public Task CheckAsync(CancellationToken cancellationToken = default) => inner.CheckAsync(cancellationToken);
}
