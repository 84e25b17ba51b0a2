using Microsoft.Data.Sqlite;

namespace Obrador.Lake.Storage.Embedded;

/// <summary>
/// One open SQLite connection with its commands kept prepared, keyed by SQL text, so a hot statement is compiled once
/// per connection instead of once per call. Not thread safe: one caller at a time (the store's writer gate or reader pool).
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>Opens a connection with <paramref name="connectionString"/> and runs <paramref name="setupSql"/> on it.</summary>
    public SqliteSession(string connectionString, string setupSql)
    {
        Connection = new SqliteConnection(connectionString);
        Connection.Open();
        using var setup = Connection.CreateCommand();
        setup.CommandText = setupSql;
        setup.ExecuteNonQuery();
    }

    /// <summary>The connection.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The prepared command for <paramref name="sql"/>, bound to <paramref name="tx"/> and the given values in order; do not dispose it.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? tx, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = Connection.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                cmd.Parameters.AddWithValue(name, value);
            }

            _commands[sql] = cmd;
        }
        else
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                cmd.Parameters[i].Value = parameters[i].Value;
            }
        }

        cmd.Transaction = tx;
        return cmd;
    }

    /// <summary>Disposes the commands and closes the connection.</summary>
    public void Dispose()
    {
        foreach (var cmd in _commands.Values)
        {
            cmd.Dispose();
        }

        Connection.Dispose();
    }
}
