using System.Text;

namespace Obrador.Ingestion.Uploads;

/// <summary>
/// The upload template's fields and the automatic mapping from English and Spanish header names
/// (accents, case, spaces and punctuation ignored), overridable per field.
/// </summary>
public static class SalesColumns
{
    /// <summary>Field names of the template, in order; the first four are required.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["date", "store", "product", "units", "revenue", "unit_price", "promo", "closed"];

    /// <summary>Fields every upload must map.</summary>
    public static IReadOnlyList<string> Required { get; } = ["date", "store", "product", "units"];

    private static readonly Dictionary<string, string> Synonyms = Build();

    /// <summary>Maps fields to header positions: explicit <paramref name="overrides"/> (field → header) first, then synonyms.</summary>
    /// <param name="header">The file's header cells.</param>
    /// <param name="overrides">Explicit mapping field → header name, or null.</param>
    /// <returns>Field → column index, and problems (unknown field or header in the override, a required field unmapped).</returns>
    public static (Dictionary<string, int> Map, List<string> Problems) Map(IReadOnlyList<string> header, IReadOnlyDictionary<string, string>? overrides)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (field, column) in overrides ?? new Dictionary<string, string>())
        {
            var key = Normalize(field);
            var canonical = Fields.FirstOrDefault(f => Normalize(f) == key);
            var index = string.IsNullOrWhiteSpace(column) ? -1 : header.ToList().FindIndex(h => string.Equals(h.Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase));
            if (canonical is null)
            {
                problems.Add($"mapping names an unknown field '{field}'; fields are {string.Join(", ", Fields)}");
            }
            else if (index < 0)
            {
                problems.Add($"mapping for '{field}' names column '{column}', which is not in the header");
            }
            else
            {
                map[canonical] = index;
            }
        }

        for (var i = 0; i < header.Count; i++)
        {
            if (Synonyms.TryGetValue(Normalize(header[i]), out var field) && !map.ContainsKey(field) && !map.ContainsValue(i))
            {
                map[field] = i;
            }
        }

        foreach (var required in Required.Where(r => !map.ContainsKey(r)))
        {
            problems.Add($"required column '{required}' not found (headers: {string.Join(", ", header)}); map it explicitly");
        }

        return (map, problems);
    }

    /// <summary>Lower case, accents removed, separators dropped: <c>"Fecha de venta"</c> → <c>fechadeventa</c>.</summary>
    internal static string Normalize(string s)
    {
        // Explicit folding: the app runs with invariant globalization, where Unicode normalization is not available.
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s.Trim())
        {
            var c = char.ToLowerInvariant(ch) switch
            {
                'á' or 'à' or 'ä' or 'â' => 'a',
                'é' or 'è' or 'ë' or 'ê' => 'e',
                'í' or 'ì' or 'ï' or 'î' => 'i',
                'ó' or 'ò' or 'ö' or 'ô' => 'o',
                'ú' or 'ù' or 'ü' or 'û' => 'u',
                'ñ' => 'n',
                'ç' => 'c',
                var other => other,
            };
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static Dictionary<string, string> Build()
    {
        var pairs = new (string Field, string[] Names)[]
        {
            ("date", ["date", "day", "ds", "sales_date", "fecha", "dia", "fecha_venta", "fecha de venta"]),
            ("store", ["store", "store_id", "shop", "location", "tienda", "id_tienda", "local", "sucursal", "establecimiento"]),
            ("product", ["product", "product_id", "item", "item_id", "sku", "article", "unique_id", "producto", "id_producto", "articulo", "referencia"]),
            ("units", ["units", "quantity", "qty", "units_sold", "sold", "cantidad", "unidades", "uds", "unidades_vendidas"]),
            ("revenue", ["revenue", "sales", "amount", "turnover", "importe", "ventas", "ingresos", "facturacion"]),
            ("unit_price", ["unit_price", "price", "precio", "precio_unitario", "pvp"]),
            ("promo", ["promo", "promotion", "on_promotion", "promocion", "oferta"]),
            ("closed", ["closed", "is_closed", "cerrado", "cerrada"]),
        };
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, names) in pairs)
        {
            foreach (var n in names)
            {
                map.TryAdd(Normalize(n), field);
            }
        }

        return map;
    }
}
