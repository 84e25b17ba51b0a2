namespace Obrador.Ingestion.Bronze;

/// <summary>Normalises ids: trim, upper-case (invariant), then an alias mapping table (the pipeline's <c>EtlOptions.IdMappings</c>).</summary>
/// <remarks>Silver keys its rows by these ids, and an upload checks its duplicates by them, so both see <c>t01</c> and
/// <c> T01 </c> as one store. User ids are only trimmed: they are opaque to the retailer and case may matter to the issuer. Thread safe.</remarks>
public sealed class IdNormalizer
{
    private readonly Dictionary<string, string> _map;

    /// <summary>Creates a normaliser with the mapping table alias → canonical id (keys and values are normalised too).</summary>
    public IdNormalizer(IReadOnlyDictionary<string, string> mappings)
    {
        _map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (alias, canonical) in mappings)
        {
            _map[alias.Trim().ToUpperInvariant()] = canonical.Trim().ToUpperInvariant();
        }
    }

    /// <summary>Normalises a store, product or item id; null or blank stays null.</summary>
    public string? Id(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var s = raw.Trim().ToUpperInvariant();
        return _map.TryGetValue(s, out var canonical) ? canonical : s;
    }

    /// <summary>Normalises a user id (trim only); null or blank stays null.</summary>
    public static string? User(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
}
