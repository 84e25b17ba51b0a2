using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Support;

/// <summary>Delegates to another table store and counts its reads: point reads, partition queries and the row keys asked for by multi-gets.</summary>
internal sealed class CountingTableStore(ITableStore inner) : DelegatingTableStore(inner)
{
    private int _pointReads;
    private int _queries;
    private int _keysRead;

    /// <summary><see cref="ITableStore.GetAsync"/> calls plus <see cref="ITableStore.QueryAsync"/> pages.</summary>
    public int Reads => Volatile.Read(ref _pointReads) + Volatile.Read(ref _queries);

    /// <summary>Row keys asked for by <see cref="ITableStore.GetManyAsync"/>; settable to start a new count.</summary>
    public int KeysRead
    {
        get => Volatile.Read(ref _keysRead);
        set => Volatile.Write(ref _keysRead, value);
    }

    public override Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _pointReads);
        return base.GetAsync(table, partitionKey, rowKey, select, cancellationToken);
    }

    public override Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _queries);
        return base.QueryAsync(table, partitionKey, query, continuationToken, cancellationToken);
    }

    public override Task<IReadOnlyDictionary<string, TableEntity>> GetManyAsync(string table, string partitionKey, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _keysRead, rowKeys.Count);
        return base.GetManyAsync(table, partitionKey, rowKeys, cancellationToken);
    }
}
