using System.Globalization;
using Microsoft.Data.Sqlite;
using Obrador.Lake.Storage.Internal;

namespace Obrador.Lake.Storage.Embedded;

/// <summary>Row mapping and error translation of <see cref="SqliteTableStore"/>.</summary>
internal static class SqliteRows
{
    /// <summary>The ETag of a row version: <c>W/"{ticks}"</c>.</summary>
    public static string ETag(long ticks) => "W/\"" + ticks.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>An entity from its stored columns, keeping only <paramref name="select"/> when given.</summary>
    public static TableEntity ToEntity(string pk, string rk, long ts, byte[] props, IReadOnlyList<string>? select)
    {
        var e = new TableEntity(pk, rk) { Timestamp = new DateTimeOffset(ts, TimeSpan.Zero), ETag = ETag(ts) };
        EntityCodec.Decode(props, e, select);
        return e;
    }

    /// <summary>A copy of <paramref name="source"/> with only the selected properties.</summary>
    public static TableEntity Project(TableEntity source, IReadOnlyList<string> select)
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

    /// <summary>SQLITE_BUSY/LOCKED become <see cref="StorageErrorKind.Unavailable"/>, anything else <see cref="StorageErrorKind.Service"/>.</summary>
    public static StorageException Translate(SqliteException e, string resource) => e.SqliteErrorCode switch
    {
        5 or 6 => new StorageException(StorageErrorKind.Unavailable, resource, "The table database stayed locked by another writer", errorCode: "SQLITE_BUSY", inner: e),
        _ => new StorageException(StorageErrorKind.Service, resource, "SQLite error: " + e.Message, errorCode: e.SqliteErrorCode.ToString(CultureInfo.InvariantCulture), inner: e),
    };
}
