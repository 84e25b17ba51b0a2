namespace Obrador.Lake.Storage;

/// <summary>
/// Port for the serving tables (Azure Table Storage in the cloud, SQLite locally).
/// </summary>
/// <remarks>
/// Semantics follow the Table service (https://learn.microsoft.com/rest/api/storageservices/table-service-rest-api):
/// entities are addressed by partition key and row key (each at most 1 KiB, no <c>/ \ # ?</c> or control characters),
/// rows in a partition are ordered by row key (ordinal), an entity is at most 1 MiB with at most 252 properties,
/// and a batch holds at most 100 operations on one partition and is atomic.
/// Every failure surfaces as <see cref="StorageException"/> naming table and keys. Implementations are thread safe.
/// </remarks>
public interface ITableStore
{
    /// <summary>A short description for health reports, e.g. <c>sqlite:/data/tables.db</c>.</summary>
    string Describe { get; }

    /// <summary>Creates the table if it does not exist (idempotent). Table names: 3-63 alphanumerics, starting with a letter.</summary>
    Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>Inserts or updates one entity.</summary>
    /// <param name="table">Table name.</param>
    /// <param name="entity">The entity; its <see cref="TableEntity.ETag"/> is ignored.</param>
    /// <param name="mode">Merge keeps properties the entity does not name; Replace drops them.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new ETag.</returns>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.EntityTooLarge"/> over 1 MiB; <see cref="StorageErrorKind.InvalidInput"/> for a bad table name, key or property name.</exception>
    /// <remarks>The table is created when it does not exist yet (reads of a missing table find nothing).</remarks>
    Task<string> UpsertAsync(string table, TableEntity entity, UpsertMode mode = UpsertMode.Merge, CancellationToken cancellationToken = default);

    /// <summary>Point read by partition key and row key; <see langword="null"/> when absent.</summary>
    /// <param name="select">Properties to return (all when null).</param>
    Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Point reads of several rows of one partition; rows that do not exist are absent from the result. The default
    /// reads them one by one; adapters override it with fewer round trips (SQLite: one statement; Azure: parallel Get
    /// Entity requests, as the Table service has no multi-get).
    /// </summary>
    /// <param name="table">Table name.</param>
    /// <param name="partitionKey">The partition.</param>
    /// <param name="rowKeys">Row keys (duplicates allowed).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The existing entities by row key.</returns>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.InvalidInput"/> for a bad table name or key.</exception>
    async Task<IReadOnlyDictionary<string, TableEntity>> GetManyAsync(string table, string partitionKey, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rowKeys);
        var found = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var rowKey in rowKeys.Distinct(StringComparer.Ordinal))
        {
            if (await GetAsync(table, partitionKey, rowKey, null, cancellationToken).ConfigureAwait(false) is { } entity)
            {
                found[rowKey] = entity;
            }
        }

        return found;
    }

    /// <summary>Queries one partition in row-key order, one page at a time.</summary>
    /// <remarks>Loop until the continuation token is null: the Table service may return a short or even empty page with a token.</remarks>
    /// <param name="table">Table name.</param>
    /// <param name="partitionKey">The partition to read.</param>
    /// <param name="query">Optional typed filter, projection and page size; values are escaped by the adapter, never spliced.</param>
    /// <param name="continuationToken">Token from the previous page, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>Runs up to 100 operations on one partition atomically (entity group transaction).</summary>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.InvalidBatch"/> for an empty batch, over 100 operations, two partitions or one row twice
    /// (checked before anything is sent); <see cref="StorageErrorKind.NotFound"/> when a delete names a missing row (nothing is applied).</exception>
    Task SubmitBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when <see cref="SubmitBatchesAsync"/> commits all its batches in one transaction (all or none), as SQLite
    /// does; false (the default) when each batch commits on its own, as on Azure Table Storage.
    /// </summary>
    bool CommitsBatchesTogether => false;

    /// <summary>
    /// Runs several independent entity-group batches (each as <see cref="SubmitBatchAsync"/>: atomic, one partition,
    /// at most 100 operations); no batch depends on another and their order is unspecified. The default submits them
    /// one by one; SQLite commits them in one transaction, Azure sends up to 8 at a time.
    /// </summary>
    /// <exception cref="StorageException">As <see cref="SubmitBatchAsync"/>; batches other than the failing one may have been applied.</exception>
    async Task SubmitBatchesAsync(string table, IReadOnlyList<IReadOnlyList<TableOperation>> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        foreach (var batch in batches)
        {
            await SubmitBatchAsync(table, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes one entity; returns <see langword="false"/> when it did not exist.</summary>
    /// <param name="ifMatch">ETag the entity must have, or <c>*</c> for any.</param>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.PreconditionFailed"/> on an ETag mismatch.</exception>
    Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default);

    /// <summary>Checks that the store is reachable and authorised (for <c>/api/health</c>).</summary>
    Task CheckAsync(CancellationToken cancellationToken = default);
}

/// <summary>How an upsert treats properties the new entity does not name.</summary>
public enum UpsertMode
{
    /// <summary>Keep them (Insert Or Merge Entity).</summary>
    Merge,

    /// <summary>Drop them (Insert Or Replace Entity).</summary>
    Replace,
}

/// <summary>One operation of an entity-group batch.</summary>
/// <param name="Kind">Upsert (merge or replace) or delete.</param>
/// <param name="Entity">The entity (for delete only its keys are used).</param>
public sealed record TableOperation(TableOperationKind Kind, TableEntity Entity)
{
    /// <summary>Insert-or-merge.</summary>
    public static TableOperation Merge(TableEntity entity) => new(TableOperationKind.UpsertMerge, entity);

    /// <summary>Insert-or-replace.</summary>
    public static TableOperation Replace(TableEntity entity) => new(TableOperationKind.UpsertReplace, entity);

    /// <summary>Delete (any ETag).</summary>
    public static TableOperation Delete(string partitionKey, string rowKey) => new(TableOperationKind.Delete, new TableEntity(partitionKey, rowKey));
}

/// <summary>Kinds of batch operation.</summary>
public enum TableOperationKind
{
    /// <summary>Insert-or-merge.</summary>
    UpsertMerge,

    /// <summary>Insert-or-replace.</summary>
    UpsertReplace,

    /// <summary>Delete.</summary>
    Delete,
}

/// <summary>A typed query on one partition: conjunctive filter, projection, page size.</summary>
/// <param name="Filter">Conditions, all of which must hold (AND); empty for none.</param>
/// <param name="Select">Properties to return, or null for all (keys are always returned).</param>
/// <param name="Top">Page size, 1 to 1000.</param>
public sealed record TableQuery(IReadOnlyList<TableCondition>? Filter = null, IReadOnlyList<string>? Select = null, int Top = 1000);

/// <summary>One filter condition <c>Property Op Value</c>; <c>RowKey</c> is a valid property.</summary>
/// <param name="Property">Property name (letters, digits, underscore).</param>
/// <param name="Op">Comparison.</param>
/// <param name="Value">A value of a supported type (see <see cref="TableEntity"/>).</param>
public sealed record TableCondition(string Property, ComparisonOp Op, object Value);

/// <summary>Comparison operators of the Table service's <c>$filter</c>.</summary>
public enum ComparisonOp
{
    /// <summary><c>eq</c></summary>
    Equal,

    /// <summary><c>ne</c></summary>
    NotEqual,

    /// <summary><c>gt</c></summary>
    GreaterThan,

    /// <summary><c>ge</c></summary>
    GreaterThanOrEqual,

    /// <summary><c>lt</c></summary>
    LessThan,

    /// <summary><c>le</c></summary>
    LessThanOrEqual,
}

/// <summary>One page of a query; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);
