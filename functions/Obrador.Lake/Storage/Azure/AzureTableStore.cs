using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Obrador.Lake.Storage.Internal;

namespace Obrador.Lake.Storage.Azure;

/// <summary>
/// <see cref="ITableStore"/> on the Table service REST API (https://learn.microsoft.com/rest/api/storageservices/table-service-rest-api),
/// version 2019-02-02, with OData JSON over an Azure.Core pipeline.
/// </summary>
/// <remarks>
/// Upserts are Insert Or Merge Entity (<c>MERGE</c>, https://learn.microsoft.com/rest/api/storageservices/insert-or-merge-entity)
/// and Insert Or Replace Entity (<c>PUT</c>, https://learn.microsoft.com/rest/api/storageservices/insert-or-replace-entity);
/// reads are Query Entities (https://learn.microsoft.com/rest/api/storageservices/query-entities) with <c>$filter</c>
/// built by <see cref="ODataFilter"/>, <c>$select</c>, <c>$top</c> and the <c>x-ms-continuation-NextPartitionKey/NextRowKey</c>
/// headers; batches are one changeset posted to <c>$batch</c>. Keys, sizes and batch shape are checked before sending,
/// with the same rules as the embedded store; a missing table is created on the first write. Thread safe.
/// </remarks>
public sealed class AzureTableStore : ITableStore, IDisposable
{
    /// <summary>REST API version sent as <c>x-ms-version</c>.</summary>
    internal const string Version = "2019-02-02";

    private const string Json = "application/json";
    private const string MinimalMetadata = "application/json;odata=minimalmetadata";
    private readonly StorageHttp _http;

    internal AzureTableStore(StorageHttp http) => _http = http;

    /// <inheritdoc />
    public string Describe => "table:" + _http.Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <inheritdoc />
    /// <remarks>Create Table (https://learn.microsoft.com/rest/api/storageservices/create-table); 409 TableAlreadyExists counts as success.</remarks>
    public async Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTable(table);
        using var message = Message(RequestMethod.Post, "/Tables", "application/json;odata=nometadata");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Headers.SetValue("Content-Type", Json);
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = table }));
        var response = await _http.SendAsync(message, table, cancellationToken).ConfigureAwait(false);
        if (response.Status is not (201 or 204 or 409))
        {
            throw _http.Error(response, table);
        }
    }

    /// <inheritdoc />
    public Task<string> UpsertAsync(string table, TableEntity entity, UpsertMode mode = UpsertMode.Merge, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateEntity(table, entity);
        var resource = TableRules.Resource(table, entity.PartitionKey, entity.RowKey);
        var body = TableJson.Write(entity);
        return WithTableAsync(table, async () =>
        {
            using var message = Message(mode == UpsertMode.Merge ? new RequestMethod("MERGE") : RequestMethod.Put, EntityPath(table, entity.PartitionKey, entity.RowKey), MinimalMetadata);
            message.Request.Headers.SetValue("Content-Type", Json);
            message.Request.Content = RequestContent.Create(body);
            var response = await _http.SendAsync(message, resource, cancellationToken).ConfigureAwait(false);
            return response.Status == 204 && response.Headers.TryGetValue("ETag", out var etag)
                ? etag
                : throw _http.Error(response, resource);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKeys(table, partitionKey, rowKey);
        var resource = TableRules.Resource(table, partitionKey, rowKey);
        using var message = Message(RequestMethod.Get, EntityPath(table, partitionKey, rowKey), MinimalMetadata);
        AppendSelect(message.Request.Uri, select);
        var response = await _http.SendAsync(message, resource, cancellationToken).ConfigureAwait(false);
        switch (response.Status)
        {
            case 200:
                using (var json = JsonDocument.Parse(response.Content.ToMemory()))
                {
                    return TableJson.Read(json.RootElement, select);
                }

            case 404:
                return null;
            default:
                throw _http.Error(response, resource);
        }
    }

    /// <inheritdoc />
    /// <remarks>Entity group transactions, up to 8 in flight.</remarks>
    public Task SubmitBatchesAsync(string table, IReadOnlyList<IReadOnlyList<TableOperation>> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            (batch, ct) => new ValueTask(SubmitBatchAsync(table, batch, ct)));
    }

    /// <inheritdoc />
    /// <remarks>Get Entity requests, up to 16 in flight (the Table service has no multi-get, and a <c>$filter</c> allows at most 15 comparisons).</remarks>
    public async Task<IReadOnlyDictionary<string, TableEntity>> GetManyAsync(string table, string partitionKey, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rowKeys);
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, TableEntity>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(rowKeys.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (rowKey, ct) =>
        {
            if (await GetAsync(table, partitionKey, rowKey, null, ct).ConfigureAwait(false) is { } entity)
            {
                found[rowKey] = entity;
            }
        }).ConfigureAwait(false);
        return found;
    }

    /// <inheritdoc />
    public async Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKeys(table, partitionKey, "");
        query ??= new TableQuery();
        TableRules.ValidateQuery(query);
        var resource = TableRules.Resource(table, partitionKey, "*");
        using var message = Message(RequestMethod.Get, "/" + table + "()", MinimalMetadata);
        var uri = message.Request.Uri;
        uri.AppendQuery("$filter", ODataFilter.Build(partitionKey, query.Filter));
        uri.AppendQuery("$top", query.Top.ToString(CultureInfo.InvariantCulture));
        AppendSelect(uri, query.Select);
        if (DecodeContinuation(continuationToken) is var (nextPk, nextRk))
        {
            uri.AppendQuery("NextPartitionKey", nextPk);
            uri.AppendQuery("NextRowKey", nextRk);
        }

        var response = await _http.SendAsync(message, resource, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return new TablePage([], null);
        }

        if (response.Status != 200)
        {
            throw _http.Error(response, resource);
        }

        var items = new List<TableEntity>();
        using (var json = JsonDocument.Parse(response.Content.ToMemory()))
        {
            foreach (var e in json.RootElement.GetProperty("value").EnumerateArray())
            {
                items.Add(TableJson.Read(e, query.Select));
            }
        }

        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var npk);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nrk);
        return new TablePage(items, npk is null ? null : EncodeContinuation(npk, nrk ?? ""));
    }

    /// <inheritdoc />
    /// <remarks>A delete of a missing row fails the whole batch with <see cref="StorageErrorKind.NotFound"/>.</remarks>
    public Task SubmitBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateBatch(table, operations);
        var pk = operations[0].Entity.PartitionKey;
        var resource = TableRules.Resource(table, pk, "*");
        var root = _http.Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var (body, contentType) = TableBatch.Build(operations, (p, r) => root + EntityPath(table, p, r));
        return WithTableAsync(table, async () =>
        {
            using var message = Message(RequestMethod.Post, "/$batch", MinimalMetadata);
            message.Request.Headers.SetValue("Content-Type", contentType);
            message.Request.Content = RequestContent.Create(body);
            var response = await _http.SendAsync(message, resource, cancellationToken).ConfigureAwait(false);
            if (response.Status != 202)
            {
                throw _http.Error(response, resource);
            }

            if (TableBatch.FirstFailure(response.Content.ToString()) is var (status, code, text, index))
            {
                var failed = index is { } i && i >= 0 && i < operations.Count ? TableRules.Resource(table, pk, operations[i].Entity.RowKey) : resource;
                throw _http.Error(status, code, $"batch operation {index?.ToString(CultureInfo.InvariantCulture) ?? "?"} failed: {text}", failed);
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Delete Entity (https://learn.microsoft.com/rest/api/storageservices/delete-entity1) with <c>If-Match</c>.</remarks>
    public async Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKeys(table, partitionKey, rowKey);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        var resource = TableRules.Resource(table, partitionKey, rowKey);
        using var message = Message(RequestMethod.Delete, EntityPath(table, partitionKey, rowKey), MinimalMetadata);
        message.Request.Headers.SetValue("If-Match", ifMatch);
        var response = await _http.SendAsync(message, resource, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw _http.Error(response, resource),
        };
    }

    /// <inheritdoc />
    /// <remarks>Query Tables with <c>$top=1</c> (https://learn.microsoft.com/rest/api/storageservices/query-tables).</remarks>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        using var message = Message(RequestMethod.Get, "/Tables", "application/json;odata=nometadata");
        message.Request.Uri.AppendQuery("$top", "1");
        var response = await _http.SendAsync(message, _http.Account, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw _http.Error(response, _http.Account);
        }
    }

    /// <summary>Disposes the HTTP transport when this store owns it.</summary>
    public void Dispose() => _http.Dispose();

    /// <summary><c>/{table}(PartitionKey='{pk}',RowKey='{rk}')</c> with quotes doubled and the keys percent-encoded.</summary>
    internal static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"/{table}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private HttpMessage Message(RequestMethod method, string path, string accept)
    {
        var message = _http.Message(method, path, Version);
        message.Request.Headers.SetValue("Accept", accept);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        return message;
    }

    private static void AppendSelect(RequestUriBuilder uri, IReadOnlyList<string>? select)
    {
        if (select is not null)
        {
            // Keys are always returned; the service omits them from a projection unless asked.
            uri.AppendQuery("$select", string.Join(',', new[] { "PartitionKey", "RowKey", "Timestamp" }.Concat(select).Distinct(StringComparer.Ordinal)));
        }
    }

    private async Task<T> WithTableAsync<T>(string table, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch (StorageException e) when (e.ErrorCode == "TableNotFound")
        {
            await CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
            return await write().ConfigureAwait(false);
        }
    }

    private static string EncodeContinuation(string partitionKey, string rowKey) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new[] { partitionKey, rowKey }));

    private static (string PartitionKey, string RowKey)? DecodeContinuation(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Convert.FromBase64String(token));
            return parts is { Length: 2 } ? (parts[0], parts[1]) : throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(token), e);
        }
    }
}
