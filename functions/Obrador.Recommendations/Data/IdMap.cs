namespace Obrador.Recommendations.Data;

/// <summary>A dense 0-based index for string ids, in first-seen order. Not thread-safe while adding; read-only use is.</summary>
public sealed class IdMap
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];

    /// <summary>Number of ids.</summary>
    public int Count => _ids.Count;

    /// <summary>All ids, by index.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The id at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Index outside [0, Count).</exception>
    public string this[int index] => _ids[index];

    /// <summary>Returns the index of <paramref name="id"/>, adding it when new.</summary>
    public int GetOrAdd(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_index.TryGetValue(id, out var i))
        {
            return i;
        }

        i = _ids.Count;
        _index.Add(id, i);
        _ids.Add(id);
        return i;
    }

    /// <summary>Looks an id up.</summary>
    /// <returns>True with its index when known.</returns>
    public bool TryGetIndex(string id, out int index) => _index.TryGetValue(id, out index);

    /// <summary>The index of <paramref name="id"/> or −1 when unknown.</summary>
    public int IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : -1;
}
