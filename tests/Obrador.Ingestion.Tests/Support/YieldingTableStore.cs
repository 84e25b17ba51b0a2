using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Support;

/// <summary>
/// Delegates to another table store but yields after every multi-get, so concurrent read-modify-write cycles really
/// interleave (on a fast local store they would usually run back to back and hide a race).
/// </summary>
internal sealed class YieldingTableStore(ITableStore inner) : DelegatingTableStore(inner)
{
    public override async Task<IReadOnlyDictionary<string, TableEntity>> GetManyAsync(string table, string partitionKey, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken = default)
    {
        var rows = await Inner.GetManyAsync(table, partitionKey, rowKeys, cancellationToken).ConfigureAwait(false);
        await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        return rows;
    }
}
