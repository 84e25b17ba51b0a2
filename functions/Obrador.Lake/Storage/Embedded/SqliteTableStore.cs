using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Obrador.Lake.Storage.Internal;

namespace Obrador.Lake.Storage.Embedded;

/// <summary>
/// <see cref="ITableStore"/> on one SQLite database file (WAL mode): one <c>entities</c> table keyed by
/// (table, partition key, row key) holding the properties in a typed binary encoding.
/// </summary>
/// <remarks>
/// Semantics follow the Table service: the same key, size and batch rules (checked before anything is written), rows
/// in row-key order (SQLite's binary collation on UTF-8, i.e. code-point order), filters evaluated with the service's
/// typing (a condition on a missing property or a value of another type does not match), atomic batches. Tables are
/// created on first write; reading a table that does not exist finds nothing. The ETag is <c>W/"{ticks}"</c> of the
/// row's timestamp, which every write moves forward by at least one tick. Writes are serialised through one connection
/// (SQLite has a single writer) with <c>synchronous=NORMAL</c>: a commit survives a process crash, and the database stays
/// consistent after a power loss. Reads use pooled connections and run beside writes. Thread safe; other processes may
/// share the file.
/// </remarks>
public sealed class SqliteTableStore : ITableStore, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS tables (name TEXT PRIMARY KEY, display TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS entities (
            tbl TEXT NOT NULL, pk TEXT NOT NULL, rk TEXT NOT NULL, ts INTEGER NOT NULL, props BLOB NOT NULL,
            PRIMARY KEY (tbl, pk, rk)) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly string _file;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly ConcurrentDictionary<string, bool> _knownTables = new(StringComparer.Ordinal);

    /// <summary>Opens (creating when missing) the database at <paramref name="databaseFile"/>.</summary>
    /// <param name="databaseFile">Path of the SQLite file; its folder is created when missing.</param>
    /// <param name="timeProvider">Clock for entity timestamps; <see cref="TimeProvider.System"/> by default.</param>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.Configuration"/> when the file cannot be opened.</exception>
    public SqliteTableStore(string databaseFile, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseFile);
        _file = Path.GetFullPath(databaseFile);
        _time = timeProvider ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            _writer = new SqliteConnection(_connectionString);
            _writer.Open();
            Execute(_writer, Schema + "PRAGMA synchronous=NORMAL;");
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageErrorKind.Configuration, _file, "Cannot open the table database: " + e.Message, inner: e);
        }
    }

    /// <inheritdoc />
    public string Describe => "sqlite:" + _file;

    /// <inheritdoc />
    public async Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTable(table);
        await WriteAsync(table, () =>
        {
            EnsureTable(table);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<string> UpsertAsync(string table, TableEntity entity, UpsertMode mode = UpsertMode.Merge, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateEntity(table, entity);
        var kind = mode == UpsertMode.Merge ? TableOperationKind.UpsertMerge : TableOperationKind.UpsertReplace;
        return WriteAsync(TableRules.Resource(table, entity.PartitionKey, entity.RowKey), () =>
        {
            EnsureTable(table);
            using var tx = _writer.BeginTransaction();
            var etag = Apply(tx, table, new TableOperation(kind, entity));
            tx.Commit();
            return etag!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKeys(table, partitionKey, rowKey);
        return ReadAsync(TableRules.Resource(table, partitionKey, rowKey), connection =>
        {
            using var cmd = Command(connection, "SELECT ts, props FROM entities WHERE tbl = $t AND pk = $p AND rk = $r",
                ("$t", Key(table)), ("$p", partitionKey), ("$r", rowKey));
            using var reader = cmd.ExecuteReader();
            return reader.Read() ? ToEntity(partitionKey, rowKey, reader.GetInt64(0), (byte[])reader[1], select) : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TablePage> QueryAsync(string table, string partitionKey, TableQuery? query = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKeys(table, partitionKey, "");
        query ??= new TableQuery();
        TableRules.ValidateQuery(query);
        var after = TableRules.DecodeToken(continuationToken);
        return ReadAsync(TableRules.Resource(table, partitionKey, after ?? ""), connection =>
        {
            // The first page starts at the empty row key (rk >= ''); later pages strictly after the last key returned.
            var sql = "SELECT rk, ts, props FROM entities WHERE tbl = $t AND pk = $p AND rk " + (after is null ? ">=" : ">") + " $after ORDER BY rk";
            using var cmd = Command(connection, sql, ("$t", Key(table)), ("$p", partitionKey), ("$after", after ?? ""));

            using var reader = cmd.ExecuteReader();
            var items = new List<TableEntity>();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The filter sees every property; the projection is applied only to the rows returned.
                var entity = ToEntity(partitionKey, reader.GetString(0), reader.GetInt64(1), (byte[])reader[2], null);
                if (!TableFilter.Matches(entity, query.Filter))
                {
                    continue;
                }

                if (items.Count == query.Top)
                {
                    return new TablePage(items, TableRules.EncodeToken(items[^1].RowKey));
                }

                items.Add(query.Select is null ? entity : Project(entity, query.Select));
            }

            return new TablePage(items, null);
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>A delete of a row that does not exist fails the whole batch with <see cref="StorageErrorKind.NotFound"/>, as in the Table service.</remarks>
    public Task SubmitBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateBatch(table, operations);
        return WriteAsync(TableRules.Resource(table, operations[0].Entity.PartitionKey, "*"), () =>
        {
            EnsureTable(table);
            using var tx = _writer.BeginTransaction();
            foreach (var op in operations)
            {
                Apply(tx, table, op);
            }

            tx.Commit();
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKeys(table, partitionKey, rowKey);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        var resource = TableRules.Resource(table, partitionKey, rowKey);
        return WriteAsync(resource, () =>
        {
            using var tx = _writer.BeginTransaction();
            var ts = CurrentTimestamp(tx, table, partitionKey, rowKey);
            if (ts is null)
            {
                return false;
            }

            if (ifMatch != "*" && !string.Equals(ETag(ts.Value), ifMatch, StringComparison.Ordinal))
            {
                throw new StorageException(StorageErrorKind.PreconditionFailed, resource, "The entity's ETag no longer matches", 412, "UpdateConditionNotSatisfied");
            }

            using var cmd = Command(tx, "DELETE FROM entities WHERE tbl = $t AND pk = $p AND rk = $r", ("$t", Key(table)), ("$p", partitionKey), ("$r", rowKey));
            cmd.ExecuteNonQuery();
            tx.Commit();
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task CheckAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(_file, connection =>
        {
            using var cmd = Command(connection, "SELECT count(*) FROM tables");
            return cmd.ExecuteScalar();
        }, cancellationToken);

    /// <summary>Closes the writer connection and the reader pool.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        _writeGate.Dispose();
    }

    private static string Key(string table) => table.ToLowerInvariant();

    private static string ETag(long ticks) => "W/\"" + ticks.ToString(CultureInfo.InvariantCulture) + "\"";

    private static TableEntity ToEntity(string pk, string rk, long ts, byte[] props, IReadOnlyList<string>? select)
    {
        var e = new TableEntity(pk, rk) { Timestamp = new DateTimeOffset(ts, TimeSpan.Zero), ETag = ETag(ts) };
        EntityCodec.Decode(props, e, select);
        return e;
    }

    private static TableEntity Project(TableEntity source, IReadOnlyList<string> select)
    {
        var e = new TableEntity(source.PartitionKey, source.RowKey) { Timestamp = source.Timestamp, ETag = source.ETag };
        foreach (var name in select)
        {
            if (source.Properties.TryGetValue(name, out var v))
            {
                e[name] = v;
            }
        }

        return e;
    }

    private void EnsureTable(string table)
    {
        if (_knownTables.ContainsKey(Key(table)))
        {
            return;
        }

        using var cmd = Command(_writer, "INSERT OR IGNORE INTO tables (name, display) VALUES ($t, $d)", ("$t", Key(table)), ("$d", table));
        cmd.ExecuteNonQuery();
        _knownTables[Key(table)] = true;
    }

    private long? CurrentTimestamp(SqliteTransaction tx, string table, string pk, string rk)
    {
        using var cmd = Command(tx, "SELECT ts FROM entities WHERE tbl = $t AND pk = $p AND rk = $r", ("$t", Key(table)), ("$p", pk), ("$r", rk));
        return cmd.ExecuteScalar() is long ts ? ts : null;
    }

    private string? Apply(SqliteTransaction tx, string table, TableOperation op)
    {
        var e = op.Entity;
        var resource = TableRules.Resource(table, e.PartitionKey, e.RowKey);
        if (op.Kind == TableOperationKind.Delete)
        {
            using var del = Command(tx, "DELETE FROM entities WHERE tbl = $t AND pk = $p AND rk = $r", ("$t", Key(table)), ("$p", e.PartitionKey), ("$r", e.RowKey));
            return del.ExecuteNonQuery() == 0
                ? throw new StorageException(StorageErrorKind.NotFound, resource, "The batch deletes an entity that does not exist", 404, "ResourceNotFound")
                : null;
        }

        long? oldTs = null;
        var merged = new TableEntity(e.PartitionKey, e.RowKey);
        using (var get = Command(tx, "SELECT ts, props FROM entities WHERE tbl = $t AND pk = $p AND rk = $r", ("$t", Key(table)), ("$p", e.PartitionKey), ("$r", e.RowKey)))
        using (var reader = get.ExecuteReader())
        {
            if (reader.Read())
            {
                oldTs = reader.GetInt64(0);
                if (op.Kind == TableOperationKind.UpsertMerge)
                {
                    EntityCodec.Decode((byte[])reader[1], merged);
                }
            }
        }

        foreach (var (name, value) in e.Properties)
        {
            if (value is not null)
            {
                merged[name] = value;
            }
        }

        if (oldTs is not null && op.Kind == TableOperationKind.UpsertMerge)
        {
            // A merge can grow a stored entity past the limits even when the request alone is within them.
            TableRules.ValidateEntity(table, merged);
        }

        var ts = Math.Max(_time.GetUtcNow().UtcTicks, (oldTs ?? 0) + 1);
        using var put = Command(tx, "INSERT OR REPLACE INTO entities (tbl, pk, rk, ts, props) VALUES ($t, $p, $r, $ts, $props)",
            ("$t", Key(table)), ("$p", e.PartitionKey), ("$r", e.RowKey), ("$ts", ts), ("$props", EntityCodec.Encode(merged.Properties)));
        put.ExecuteNonQuery();
        return ETag(ts);
    }

    private async Task<T> WriteAsync<T>(string resource, Func<T> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work();
        }
        catch (SqliteException e)
        {
            throw Translate(e, resource);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private Task<T> ReadAsync<T>(string resource, Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            return Task.FromResult(work(connection));
        }
        catch (SqliteException e)
        {
            throw Translate(e, resource);
        }
    }

    private static StorageException Translate(SqliteException e, string resource) => e.SqliteErrorCode switch
    {
        5 or 6 => new StorageException(StorageErrorKind.Unavailable, resource, "The table database stayed locked by another writer", errorCode: "SQLITE_BUSY", inner: e),
        _ => new StorageException(StorageErrorKind.Service, resource, "SQLite error: " + e.Message, errorCode: e.SqliteErrorCode.ToString(CultureInfo.InvariantCulture), inner: e),
    };

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return cmd;
    }

    private static SqliteCommand Command(SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = Command(tx.Connection!, sql, parameters);
        cmd.Transaction = tx;
        return cmd;
    }
}
