using System.Diagnostics;
using System.Text.Json;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Serving;

/// <summary>
/// The read path of every serving endpoint: resolve the live version, answer from the response cache, and on a miss
/// build the answer from point reads (themselves cached per row) and cache its JSON. Thread safe.
/// </summary>
internal sealed class ServingReader
{
    /// <summary>Activity source of storage reads on the request path.</summary>
    public static readonly ActivitySource Activities = new("Obrador.Serving");

    private readonly ITableStore _tables;
    private readonly ServingCache _cache;
    private readonly ServingVersionProvider _versions;
    private readonly string _cacheControl;

    public ServingReader(ITableStore tables, ServingCache cache, ServingVersionProvider versions, ServingOptions options)
    {
        _tables = tables;
        _cache = cache;
        _versions = versions;
        _cacheControl = options.ClientCacheSeconds == 0 ? "no-cache" : "private, max-age=" + options.ClientCacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The table store, for builders that query partitions.</summary>
    public ITableStore Tables => _tables;

    /// <summary>
    /// The cached answer for <paramref name="key"/> under the live version, or the one <paramref name="build"/> makes.
    /// </summary>
    /// <param name="key">Request identity: route family and every normalized parameter.</param>
    /// <param name="state">Passed to <paramref name="build"/> (avoids a closure per request).</param>
    /// <param name="build">Builds the response object (serialized with <see cref="ServingJson.Options"/>).</param>
    public async ValueTask<ServedJson> GetAsync<TState>(string key, TState state, Func<ServingReader, ServingPointer, TState, CancellationToken, Task<object>> build, CancellationToken cancellationToken)
    {
        var pointer = await _versions.GetAsync(cancellationToken).ConfigureAwait(false);
        var cacheKey = string.Concat("r\n", pointer.Label, "\n", key);
        if (_cache.TryGet<CachedResponse>(cacheKey, out var hit))
        {
            return new ServedJson(hit, _cacheControl);
        }

        var dto = await build(this, pointer, state, cancellationToken).ConfigureAwait(false);
        var entry = CachedResponse.From(JsonSerializer.SerializeToUtf8Bytes(dto, dto.GetType(), ServingJson.Options));
        _cache.Set(cacheKey, entry, entry.Body.Length);
        return new ServedJson(entry, _cacheControl);
    }

    /// <summary>Point read of an item-list row, cached per version; null when the row does not exist.</summary>
    public async Task<ItemList?> GetItemListAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var cacheKey = string.Concat("e\n", table, "\n", partitionKey, "\n", rowKey);
        if (_cache.TryGet<CachedRow>(cacheKey, out var cached))
        {
            return cached.List;
        }

        using var activity = Activities.StartActivity("table.get");
        activity?.SetTag("db.collection.name", table);
        var row = await _tables.GetAsync(table, partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        var list = row is null ? null : ItemList.Parse(row.GetString("Items"), row.GetString("Source"), row.GetDateTimeOffset("GeneratedAt"));
        _cache.Set(cacheKey, new CachedRow(list), list?.ApproximateBytes ?? 64);
        return list;
    }

    /// <summary>Reads every row of one partition (following continuations) up to <paramref name="maxRows"/>.</summary>
    /// <returns>The rows, and whether more existed than were returned.</returns>
    public async Task<(List<TableEntity> Rows, bool Truncated)> QueryAsync(string table, string partitionKey, TableQuery? query, int maxRows, CancellationToken cancellationToken)
    {
        using var activity = Activities.StartActivity("table.query");
        activity?.SetTag("db.collection.name", table);
        var rows = new List<TableEntity>();
        string? token = null;
        do
        {
            var page = await _tables.QueryAsync(table, partitionKey, query, token, cancellationToken).ConfigureAwait(false);
            foreach (var e in page.Items)
            {
                if (rows.Count == maxRows)
                {
                    return (rows, true);
                }

                rows.Add(e);
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return (rows, false);
    }

    private sealed record CachedRow(ItemList? List);
}
