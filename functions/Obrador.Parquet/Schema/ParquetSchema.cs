using System.Collections;

namespace Obrador.Parquet;

/// <summary>
/// A flat Parquet schema: an ordered list of uniquely named <see cref="ParquetField"/>s (the children of the root
/// group; nested groups and repeated fields are not supported, see docs/parquet.md). Immutable and thread-safe.
/// </summary>
public sealed class ParquetSchema : IReadOnlyList<ParquetField>
{
    private readonly ParquetField[] _fields;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a schema from fields in column order.</summary>
    /// <exception cref="ArgumentException">No fields, a duplicate name, or an invalid field (see <see cref="ParquetField.Validate"/>).</exception>
    public ParquetSchema(IEnumerable<ParquetField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = fields.ToArray();
        _index = new Dictionary<string, int>(_fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < _fields.Length; i++)
        {
            _fields[i].Validate();
            if (!_index.TryAdd(_fields[i].Name, i))
            {
                throw new ArgumentException($"duplicate column name '{_fields[i].Name}'", nameof(fields));
            }
        }
    }

    /// <summary>Creates a schema from fields in column order.</summary>
    public ParquetSchema(params ParquetField[] fields)
        : this((IEnumerable<ParquetField>)fields)
    {
    }

    /// <summary>Number of columns.</summary>
    public int Count => _fields.Length;

    /// <summary>The field at <paramref name="index"/> (0-based column order).</summary>
    public ParquetField this[int index] => _fields[index];

    /// <summary>The field named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public ParquetField this[string name] => _fields[IndexOf(name) is var i and >= 0 ? i : throw new KeyNotFoundException($"no column '{name}'")];

    /// <summary>The column index of <paramref name="name"/> (ordinal comparison), or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <inheritdoc />
    public IEnumerator<ParquetField> GetEnumerator() => ((IEnumerable<ParquetField>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A one-line description, e.g. <c>id: Int64, name: String?</c>.</summary>
    public override string ToString() =>
        string.Join(", ", _fields.Select(f => $"{f.Name}: {f.Type}{(f.Nullable ? "?" : "")}"));
}
