using System.Text;

namespace Obrador.Lake.Storage.Internal;

/// <summary>
/// The Table service's limits and naming rules, checked before any adapter touches its store so every adapter fails
/// the same way (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model).
/// </summary>
internal static class TableRules
{
    /// <summary>Largest entity, by the service's size formula: 1 MiB.</summary>
    public const int MaxEntityBytes = 1 << 20;

    /// <summary>Largest string (64 KiB of UTF-16) or binary property: 64 KiB.</summary>
    public const int MaxPropertyBytes = 64 * 1024;

    /// <summary>Most custom properties per entity (255 minus the three system properties).</summary>
    public const int MaxProperties = 252;

    /// <summary>Most operations in one entity group transaction.</summary>
    public const int MaxBatchOperations = 100;

    /// <summary>Resource text used in errors: <c>table(pk,rk)</c>.</summary>
    public static string Resource(string table, string partitionKey, string rowKey) => $"{table}({partitionKey},{rowKey})";

    /// <summary>Checks a table name: 3-63 alphanumerics starting with a letter.</summary>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.InvalidInput"/>.</exception>
    public static void ValidateTable(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var ok = table.Length is >= 3 and <= 63 && char.IsAsciiLetter(table[0]);
        foreach (var c in table)
        {
            ok &= char.IsAsciiLetterOrDigit(c);
        }

        if (!ok)
        {
            throw new StorageException(StorageErrorKind.InvalidInput, table, "Table names are 3-63 letters and digits, starting with a letter");
        }
    }

    /// <summary>Checks partition and row key: at most 1 KiB of UTF-16, none of <c>/ \ # ?</c> or control characters.</summary>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.InvalidInput"/>.</exception>
    public static void ValidateKeys(string table, string partitionKey, string rowKey)
    {
        ValidateTable(table);
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        foreach (var (label, key) in new[] { ("PartitionKey", partitionKey), ("RowKey", rowKey) })
        {
            if (key.Length > 512)
            {
                throw new StorageException(StorageErrorKind.InvalidInput, Resource(table, partitionKey, rowKey), $"{label} is longer than 512 characters (1 KiB of UTF-16)");
            }

            foreach (var c in key)
            {
                if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
                {
                    throw new StorageException(StorageErrorKind.InvalidInput, Resource(table, partitionKey, rowKey),
                        $"{label} contains a character the Table service forbids (/ \\ # ? or a control character)");
                }
            }
        }
    }

    /// <summary>Checks a property name: 1-255 characters, a letter or underscore then letters, digits, underscores; not a system property.</summary>
    public static bool IsValidPropertyName(string name)
    {
        if (name.Length is 0 or > 255 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return name is not ("PartitionKey" or "RowKey" or "Timestamp");
    }

    /// <summary>Checks keys, property names, per-property limits and the 1 MiB entity limit.</summary>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.InvalidInput"/> or <see cref="StorageErrorKind.EntityTooLarge"/>.</exception>
    public static void ValidateEntity(string table, TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKeys(table, entity.PartitionKey, entity.RowKey);
        if (entity.Properties.Count > MaxProperties)
        {
            throw new StorageException(StorageErrorKind.EntityTooLarge, At(), $"The entity has {entity.Properties.Count} properties; at most {MaxProperties} are allowed");
        }

        foreach (var (name, value) in entity.Properties)
        {
            if (!IsValidPropertyName(name))
            {
                throw new StorageException(StorageErrorKind.InvalidInput, At(), $"Property name '{name}' is not valid (letters, digits, underscore; not a system property)");
            }

            var bytes = value switch { string s => 2L * s.Length, byte[] b => b.Length, _ => 0 };
            if (bytes > MaxPropertyBytes)
            {
                throw new StorageException(StorageErrorKind.EntityTooLarge, At(), $"Property '{name}' is {bytes} bytes; at most 64 KiB are allowed");
            }
        }

        var size = Size(entity);
        if (size > MaxEntityBytes)
        {
            throw new StorageException(StorageErrorKind.EntityTooLarge, At(), $"The entity is {size} bytes; at most 1 MiB is allowed");
        }

        // Built only for an error: a fold validates hundreds of thousands of valid entities.
        string At() => Resource(table, entity.PartitionKey, entity.RowKey);
    }

    /// <summary>
    /// The entity's size by the service's formula: 4 + 2·len(PK+RK) + Σ(8 + 2·len(name) + size(value)), where a string
    /// is 4 + 2·len, binary 4 + len, bool 1, Int32 4, Guid 16 and Int64/double/DateTime 8 bytes.
    /// </summary>
    public static long Size(TableEntity entity)
    {
        long size = 4 + 2L * (entity.PartitionKey.Length + entity.RowKey.Length);
        foreach (var (name, value) in entity.Properties)
        {
            if (value is null)
            {
                continue;
            }

            size += 8 + 2L * name.Length + value switch
            {
                string s => 4 + 2L * s.Length,
                byte[] b => 4 + b.Length,
                bool => 1,
                int => 4,
                Guid => 16,
                _ => 8,
            };
        }

        return size;
    }

    /// <summary>Checks an entity group transaction: 1-100 operations, one partition, no row twice, every entity valid.</summary>
    /// <exception cref="StorageException">Kind <see cref="StorageErrorKind.InvalidBatch"/>, or an entity's validation error.</exception>
    public static void ValidateBatch(string table, IReadOnlyList<TableOperation> operations)
    {
        ValidateTable(table);
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count is 0 or > MaxBatchOperations)
        {
            throw new StorageException(StorageErrorKind.InvalidBatch, table, $"A batch holds 1 to {MaxBatchOperations} operations, not {operations.Count}");
        }

        var partition = operations[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in operations)
        {
            ArgumentNullException.ThrowIfNull(op);
            var e = op.Entity;
            if (!string.Equals(e.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new StorageException(StorageErrorKind.InvalidBatch, Resource(table, e.PartitionKey, e.RowKey),
                    $"A batch must stay in one partition; it mixes '{partition}' and '{e.PartitionKey}'");
            }

            if (!rows.Add(e.RowKey))
            {
                throw new StorageException(StorageErrorKind.InvalidBatch, Resource(table, e.PartitionKey, e.RowKey), "A batch may touch each row only once");
            }

            if (op.Kind == TableOperationKind.Delete)
            {
                ValidateKeys(table, e.PartitionKey, e.RowKey);
            }
            else
            {
                ValidateEntity(table, e);
            }
        }
    }

    /// <summary>Checks a query: page size 1-1000, valid property names, supported non-null values.</summary>
    /// <exception cref="ArgumentException">A malformed query.</exception>
    public static void ValidateQuery(TableQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Top, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Top, 1000, nameof(query));
        foreach (var c in query.Filter ?? [])
        {
            ArgumentNullException.ThrowIfNull(c, nameof(query));
            if (!(IsValidPropertyName(c.Property) || c.Property is "PartitionKey" or "RowKey" or "Timestamp"))
            {
                throw new ArgumentException($"Filter property '{c.Property}' is not a valid property name.", nameof(query));
            }

            if (c.Value is not (string or int or long or double or bool or DateTimeOffset or Guid or byte[]))
            {
                throw new ArgumentException($"Filter value for '{c.Property}' has unsupported type {c.Value?.GetType().Name ?? "null"}.", nameof(query));
            }

            if (!Enum.IsDefined(c.Op))
            {
                throw new ArgumentException($"Filter operator {c.Op} is not defined.", nameof(query));
            }
        }

        foreach (var s in query.Select ?? [])
        {
            if (!(IsValidPropertyName(s) || s is "PartitionKey" or "RowKey" or "Timestamp"))
            {
                throw new ArgumentException($"Selected property '{s}' is not a valid property name.", nameof(query));
            }
        }
    }

    /// <summary>Encodes a row key as an opaque continuation token.</summary>
    public static string EncodeToken(string rowKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(rowKey));

    /// <summary>Decodes a token from <see cref="EncodeToken"/>.</summary>
    /// <exception cref="ArgumentException">The token is not one the store issued.</exception>
    public static string? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(token), e);
        }
    }
}
