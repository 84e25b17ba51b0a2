using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Support;

/// <summary>
/// Delegates to another table store but pauses (1 ms) after every read and every batch, so concurrent
/// read-modify-write cycles really interleave (on a fast local store they would usually run back to back and hide a race).
/// </summary>
internal sealed class YieldingTableStore(ITableStore inner) : DelegatingTableStore(inner)
{
    public override async Task<IReadOnlyDictionary<string, TableEntity>> GetManyAsync(string table, string partitionKey, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken = default)
    {
        var rows = await Inner.GetManyAsync(table, partitionKey, rowKeys, cancellationToken).ConfigureAwait(false);
        await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        return rows;
    }

    public override async Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var page = await Inner.QueryAsync(table, partitionKey, query, continuationToken, cancellationToken).ConfigureAwait(false);
        await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        return page;
    }

    public override async Task SubmitBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
    {
        await Inner.SubmitBatchAsync(table, operations, cancellationToken).ConfigureAwait(false);
        await Task.Delay(1, cancellationToken).ConfigureAwait(false);
    }

    public override async Task SubmitBatchesAsync(string table, IReadOnlyList<IReadOnlyList<TableOperation>> batches, CancellationToken cancellationToken = default)
    {
        await Inner.SubmitBatchesAsync(table, batches, cancellationToken).ConfigureAwait(false);
        await Task.Delay(1, cancellationToken).ConfigureAwait(false);
    }
}
