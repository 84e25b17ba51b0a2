using System.Text.Json;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Pipeline.Serving;

/// <summary>
/// Publishes a serving version: writes its rows beside the live version, then flips the single
/// <c>ServingVersion(serving, current)</c> pointer (<c>docs/serving-tables.md</c>, "Versioning").
/// </summary>
/// <remarks>
/// Readers resolve the version once and then read <c>{version}|{id}</c> partitions, so until the flip they see only the
/// old version and after it only the new one: a crash at any point leaves one complete version live. Writes are
/// idempotent upserts (replace) grouped into batches of at most 100 rows per partition. Thread safe.
/// </remarks>
public sealed class ServingPublisher
{
    /// <summary>Partition key of the pointer row.</summary>
    public const string PointerPartition = "serving";

    /// <summary>Row key of the pointer row.</summary>
    public const string PointerRow = "current";

    private const int MaxHistory = 20;
    private readonly ITableStore _tables;

    /// <summary>Creates a publisher over <paramref name="tables"/>.</summary>
    public ServingPublisher(ITableStore tables) => _tables = tables;

    /// <summary>Writes <paramref name="rows"/> to <paramref name="table"/>; every partition key must start with <c>{version}|</c>.</summary>
    /// <returns>Rows written.</returns>
    /// <exception cref="ArgumentException">A row outside <paramref name="version"/>.</exception>
    public async Task<long> WriteAsync(string table, string version, IEnumerable<TableEntity> rows, CancellationToken cancellationToken = default)
    {
        await _tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        var prefix = version + "|";
        long count = 0;
        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            if (!partition.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Row partition '{partition.Key}' of {table} is not in version {version}.", nameof(rows));
            }

            // Later duplicates of a row key win, as sequential upserts would.
            var unique = partition.GroupBy(r => r.RowKey, StringComparer.Ordinal).Select(g => g.Last()).ToList();
            foreach (var chunk in unique.Chunk(100))
            {
                await _tables.SubmitBatchAsync(table, chunk.Select(TableOperation.Replace).ToList(), cancellationToken).ConfigureAwait(false);
                count += chunk.Length;
            }
        }

        return count;
    }

    /// <summary>The live version, or null before the first publish.</summary>
    public async Task<ServingPointer?> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        await _tables.CreateTableIfNotExistsAsync(ServingTables.ServingVersion, cancellationToken).ConfigureAwait(false);
        var e = await _tables.GetAsync(ServingTables.ServingVersion, PointerPartition, PointerRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (e?.GetString("Version") is not { } v)
        {
            return null;
        }

        var history = e.GetString("History") is { } h ? JsonSerializer.Deserialize<List<string>>(h) ?? [] : [];
        return new ServingPointer(v, e.GetString("Previous"), e.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.MinValue, history);
    }

    /// <summary>Makes <paramref name="version"/> live (no-op when it already is); the old one becomes <c>Previous</c>.</summary>
    public async Task<ServingPointer> FlipAsync(string version, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var current = await GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (current?.Version == version)
        {
            return current;
        }

        // Distinct: an operator rollback elsewhere may leave the current version in the history already.
        var history = current is null ? new List<string>() : current.History.Prepend(current.Version).Where(v => v != version).Distinct(StringComparer.Ordinal).Take(MaxHistory).ToList();
        var next = new ServingPointer(version, current?.Version, now, history);
        await WritePointerAsync(next, cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <summary>Flips serving back to the version live before the current one (<c>POST /api/admin/rollback</c>).</summary>
    /// <exception cref="InvalidOperationException">Nothing to roll back to.</exception>
    public async Task<ServingPointer> RollbackAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var current = await GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (current is null || current.History.Count == 0)
        {
            throw new InvalidOperationException("No previous serving version to roll back to.");
        }

        var rest = current.History.Skip(1).ToList();
        var back = new ServingPointer(current.History[0], rest.Count > 0 ? rest[0] : null, now, rest);
        await WritePointerAsync(back, cancellationToken).ConfigureAwait(false);
        return back;
    }

    private Task WritePointerAsync(ServingPointer p, CancellationToken cancellationToken)
    {
        var e = new TableEntity(PointerPartition, PointerRow)
        {
            ["Version"] = p.Version,
            ["Previous"] = p.Previous,
            ["PublishedAt"] = p.PublishedAt,
            ["History"] = JsonSerializer.Serialize(p.History),
        };
        return _tables.UpsertAsync(ServingTables.ServingVersion, e, UpsertMode.Replace, cancellationToken);
    }
}
