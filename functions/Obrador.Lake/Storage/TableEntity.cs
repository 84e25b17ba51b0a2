namespace Obrador.Lake.Storage;

/// <summary>
/// A table entity: keys, system properties and typed values.
/// </summary>
/// <remarks>
/// Property values are <see cref="string"/>, <see cref="int"/> (Edm.Int32), <see cref="long"/> (Edm.Int64),
/// <see cref="double"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/> (stored as UTC), <see cref="Guid"/> or
/// <c>byte[]</c> (Edm.Binary, at most 64 KiB); a null value removes the property on replace and is skipped on merge.
/// Other types throw <see cref="ArgumentException"/> when set. Not thread safe.
/// </remarks>
public sealed class TableEntity
{
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    /// <summary>Creates an entity with the given keys.</summary>
    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>Partition key.</summary>
    public string PartitionKey { get; }

    /// <summary>Row key.</summary>
    public string RowKey { get; }

    /// <summary>ETag of the stored version (set on read).</summary>
    public string? ETag { get; set; }

    /// <summary>Server timestamp of the stored version (set on read).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The properties other than keys and system properties.</summary>
    public IReadOnlyDictionary<string, object?> Properties => _properties;

    /// <summary>Gets or sets a property value; see the remarks for the allowed types.</summary>
    /// <exception cref="ArgumentException">The value's type is not supported.</exception>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            if (value is not (null or string or int or long or double or bool or DateTimeOffset or Guid or byte[]))
            {
                throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}.", nameof(value));
            }

            _properties[name] = value is DateTimeOffset d ? d.ToUniversalTime() : value;
        }
    }

    /// <summary>The property as a string, or null.</summary>
    public string? GetString(string name) => this[name] as string;

    /// <summary>The property as a 64-bit integer (Int32 widens), or null.</summary>
    public long? GetInt64(string name) => this[name] switch { long l => l, int i => i, _ => null };

    /// <summary>The property as a double (integers widen), or null.</summary>
    public double? GetDouble(string name) => this[name] switch { double d => d, long l => l, int i => i, _ => null };

    /// <summary>The property as a boolean, or null.</summary>
    public bool? GetBoolean(string name) => this[name] as bool?;

    /// <summary>The property as a UTC timestamp, or null.</summary>
    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] as DateTimeOffset?;

    /// <summary>The property as a GUID, or null.</summary>
    public Guid? GetGuid(string name) => this[name] as Guid?;

    /// <summary>The property as bytes, or null.</summary>
    public byte[]? GetBinary(string name) => this[name] as byte[];
}
