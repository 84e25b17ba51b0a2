using System.Globalization;

namespace Obrador.FinOps.Normalisation;

/// <summary>
/// Turns one bronze billing row into a FOCUS-aligned <see cref="CostRecord"/>.
/// FOCUS 1.0 rows are copied (NULL → empty, ResourceGroup and type id taken from ARM ids when present).
/// Azure EA/MCA cost details rows are mapped as the FinOps toolkit's FOCUS conversion does: the cost column gives
/// BilledCost and EffectiveCost (an actual-cost export bills what it charges, an amortized one carries the effective
/// cost, so ingesting one view gives one consistent total), ListCost = PayGPrice × Quantity when known,
/// ChargePeriod = [Date, Date + 1 day), ChargeType → ChargeCategory, ConsumedService + ARM type → ServiceName and
/// ServiceCategory, ResourceLocation → RegionId/RegionName through <see cref="ReferenceData"/>.
/// Thread-safe.
/// </summary>
public sealed class BillingNormalizer
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:ss.fffffffZ",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy", "MM/dd/yyyy HH:mm:ss", "yyyy-MM-ddTHH:mm:sszzz",
    ];

    private const int TagCacheLimit = 100_000;
    private readonly ReferenceData reference;

    // Exports repeat each resource's tag text on every row; parsing it once per distinct text saves most of the cost.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> tagCache = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Group, string Type, string Name)> idCache = new(StringComparer.Ordinal);

    /// <summary>Creates a normaliser over <paramref name="reference"/> (default: the embedded toolkit lookups).</summary>
    public BillingNormalizer(ReferenceData? reference = null)
    {
        this.reference = reference ?? ReferenceData.Default;
    }

    /// <summary>Normalises a row given as header → raw value (the ingestion parsers' shape).</summary>
    /// <param name="map">Column binding made once per file with <see cref="BillingColumnMap.Create"/>.</param>
    /// <param name="row">Header → raw text.</param>
    /// <param name="rowNumber">1-based data row number, reported in errors.</param>
    /// <exception cref="FinOpsException">A cost, date or tag value cannot be parsed (names row and column).</exception>
    public CostRecord Normalize(BillingColumnMap map, IReadOnlyDictionary<string, string> row, long rowNumber)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(row);
        return Core(new DictionaryRow(map, row), map, rowNumber);
    }

    /// <summary>Normalises a row given as values in header order (fast path for bulk files).</summary>
    /// <exception cref="FinOpsException">A cost, date or tag value cannot be parsed (names row and column).</exception>
    public CostRecord Normalize(BillingColumnMap map, IReadOnlyList<string> values, long rowNumber)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(values);
        return Core(new ListRow(map, values), map, rowNumber);
    }

    /// <summary>Convenience: binds the row's own keys, then normalises it (use the map overload for many rows).</summary>
    /// <exception cref="FinOpsException">The header is unrecognised or a value cannot be parsed.</exception>
    public CostRecord Normalize(IReadOnlyDictionary<string, string> row, long rowNumber)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Normalize(BillingColumnMap.Create(row.Keys.ToList()), row, rowNumber);
    }

    private CostRecord Core<TRow>(TRow row, BillingColumnMap map, long rowNumber)
        where TRow : struct, IRow =>
        map.Format == BillingFormat.Focus ? FromFocus(row, map, rowNumber) : FromAzure(row, map, rowNumber);

    private CostRecord FromFocus<TRow>(TRow row, BillingColumnMap map, long n)
        where TRow : struct, IRow
    {
        var billed = Money(row, map, BillingField.BilledCost, n, required: true);
        var start = Date(row, map, BillingField.ChargePeriodStart, n);
        var endText = row.Get(BillingField.ChargePeriodEnd);
        var end = endText.Length == 0 ? start.AddDays(1) : Date(row, map, BillingField.ChargePeriodEnd, n);
        var id = row.Get(BillingField.ResourceId);
        var (rg, typeId, nameFromId) = ParseId(id);
        var name = row.Get(BillingField.ResourceName);
        var explicitRg = row.Get(BillingField.ResourceGroup);
        return new CostRecord
        {
            BilledCost = billed,
            EffectiveCost = Money(row, map, BillingField.EffectiveCost, n, required: true),
            ListCost = map.Has(BillingField.ListCost) && row.Get(BillingField.ListCost).Length > 0 ? Money(row, map, BillingField.ListCost, n, required: true) : billed,
            ChargePeriodStart = start,
            ChargePeriodEnd = end,
            BillingCurrency = Currency(row, map, n),
            ServiceName = row.Get(BillingField.ServiceName),
            ServiceCategory = OrOther(row.Get(BillingField.ServiceCategory)),
            ResourceId = id,
            ResourceName = name.Length > 0 ? name : nameFromId,
            ResourceType = row.Get(BillingField.ResourceType),
            ResourceTypeId = typeId,
            RegionId = row.Get(BillingField.RegionId),
            RegionName = row.Get(BillingField.RegionName),
            SubAccountId = row.Get(BillingField.SubAccountId),
            SubAccountName = row.Get(BillingField.SubAccountName),
            ChargeCategory = OrDefault(row.Get(BillingField.ChargeCategory), "Usage"),
            ProviderName = row.Get(BillingField.ProviderName),
            ResourceGroup = explicitRg.Length > 0 ? explicitRg : rg,
            Tags = Tags(row, map, n),
        };
    }

    private CostRecord FromAzure<TRow>(TRow row, BillingColumnMap map, long n)
        where TRow : struct, IRow
    {
        var cost = Money(row, map, BillingField.BilledCost, n, required: true);
        var start = Date(row, map, BillingField.ChargePeriodStart, n);
        var id = row.Get(BillingField.ResourceId);
        var (rgFromId, typeId, nameFromId) = ParseId(id);
        var consumed = row.Get(BillingField.ConsumedService);
        string serviceName;
        string category;
        if (!reference.TryGetService(consumed, typeId, out serviceName, out category))
        {
            serviceName = row.Get(BillingField.MeterCategory);
            category = "Other";
        }

        var location = row.Get(BillingField.RegionName);
        if (!reference.TryGetRegion(location, out var regionId, out var regionName))
        {
            regionId = location.ToLowerInvariant();
            regionName = location;
        }

        var typeName = typeId.Length > 0 && reference.TryGetResourceTypeName(typeId, out var display) ? display : typeId;
        var rg = row.Get(BillingField.ResourceGroup);
        var name = row.Get(BillingField.ResourceName);
        return new CostRecord
        {
            BilledCost = cost,
            EffectiveCost = cost,
            ListCost = ListCost(row, cost),
            ChargePeriodStart = start,
            ChargePeriodEnd = start.AddDays(1),
            BillingCurrency = Currency(row, map, n),
            ServiceName = serviceName,
            ServiceCategory = OrOther(category),
            ResourceId = id,
            ResourceName = name.Length > 0 ? name : nameFromId,
            ResourceType = typeName,
            ResourceTypeId = typeId,
            RegionId = regionId,
            RegionName = regionName,
            SubAccountId = row.Get(BillingField.SubAccountId),
            SubAccountName = row.Get(BillingField.SubAccountName),
            ChargeCategory = ChargeCategoryOf(row.Get(BillingField.ChargeCategory)),
            ProviderName = "Microsoft",
            ResourceGroup = rg.Length > 0 ? rg : rgFromId,
            Tags = Tags(row, map, n),
        };
    }

    private (string Group, string Type, string Name) ParseId(string id)
    {
        if (id.Length == 0 || id[0] != '/')
        {
            return ("", "", "");
        }

        if (idCache.TryGetValue(id, out var parts))
        {
            return parts;
        }

        parts = AzureResourceId.Parse(id);
        if (idCache.Count < TagCacheLimit)
        {
            idCache.TryAdd(id, parts);
        }

        return parts;
    }

    /// <summary>Azure ChargeType → FOCUS ChargeCategory (FOCUS 1.0 §3 ChargeCategory allowed values).</summary>
    internal static string ChargeCategoryOf(string chargeType) => chargeType.ToLowerInvariant() switch
    {
        "" or "usage" or "unusedreservation" or "unusedsavingsplan" => "Usage",
        "purchase" => "Purchase",
        "tax" => "Tax",
        "refund" or "credit" => "Credit",
        _ => "Adjustment",
    };

    private static decimal ListCost<TRow>(TRow row, decimal cost)
        where TRow : struct, IRow
    {
        var price = row.Get(BillingField.PayGPrice);
        var qty = row.Get(BillingField.Quantity);
        if (decimal.TryParse(price, NumberStyles.Float, CultureInfo.InvariantCulture, out var p)
            && decimal.TryParse(qty, NumberStyles.Float, CultureInfo.InvariantCulture, out var q)
            && p > 0)
        {
            return p * q;
        }

        return cost;
    }

    private static decimal Money<TRow>(TRow row, BillingColumnMap map, BillingField field, long n, bool required)
        where TRow : struct, IRow
    {
        var text = row.Get(field);
        if (text.Length == 0)
        {
            return required ? throw new FinOpsException("cost is empty", n, map.HeaderOf(field) ?? field.ToString()) : 0m;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new FinOpsException($"'{Truncate(text)}' is not a number", n, map.HeaderOf(field));
        }

        return value;
    }

    private static DateTime Date<TRow>(TRow row, BillingColumnMap map, BillingField field, long n)
        where TRow : struct, IRow
    {
        var text = row.Get(field);
        if (TryParseIsoDate(text, out var fast))
        {
            return fast;
        }

        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, styles, out var d)
            || DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out d))
        {
            return DateTime.SpecifyKind(d, DateTimeKind.Utc);
        }

        throw new FinOpsException($"'{Truncate(text)}' is not a date", n, map.HeaderOf(field) ?? field.ToString());
    }

    // Fast path for the two shapes almost every export uses: yyyy-MM-dd and yyyy-MM-dd HH:mm:ss (UTC).
    internal static bool TryParseIsoDate(string s, out DateTime value)
    {
        value = default;
        if ((s.Length != 10 && s.Length != 19) || s[4] != '-' || s[7] != '-' || (s.Length == 19 && (s[10] != ' ' || s[13] != ':' || s[16] != ':')))
        {
            return false;
        }

        static int N(string s, int at, int len)
        {
            var v = 0;
            for (var i = at; i < at + len; i++)
            {
                var d = s[i] - '0';
                if (d is < 0 or > 9)
                {
                    return -1;
                }

                v = (v * 10) + d;
            }

            return v;
        }

        int y = N(s, 0, 4), mo = N(s, 5, 2), d = N(s, 8, 2);
        int h = 0, mi = 0, se = 0;
        if (s.Length == 19)
        {
            h = N(s, 11, 2);
            mi = N(s, 14, 2);
            se = N(s, 17, 2);
        }

        if (y < 1 || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo) || h is < 0 or > 23 || mi is < 0 or > 59 || se is < 0 or > 59)
        {
            return false;
        }

        value = new DateTime(y, mo, d, h, mi, se, DateTimeKind.Utc);
        return true;
    }

    private static string Currency<TRow>(TRow row, BillingColumnMap map, long n)
        where TRow : struct, IRow
    {
        var c = row.Get(BillingField.BillingCurrency);
        return c.Length == 0
            ? throw new FinOpsException("billing currency is empty", n, map.HeaderOf(BillingField.BillingCurrency) ?? "BillingCurrency")
            : c.ToUpperInvariant();
    }

    private IReadOnlyDictionary<string, string> Tags<TRow>(TRow row, BillingColumnMap map, long n)
        where TRow : struct, IRow
    {
        var raw = row.Get(BillingField.Tags);
        if (raw.Length == 0)
        {
            return CostRecord.EmptyTags;
        }

        if (tagCache.TryGetValue(raw, out var cached))
        {
            return cached;
        }

        try
        {
            var parsed = TagParser.Parse(raw);
            if (tagCache.Count < TagCacheLimit)
            {
                tagCache.TryAdd(raw, parsed);
            }

            return parsed;
        }
        catch (FinOpsException e)
        {
            throw new FinOpsException(e.Message, n, map.HeaderOf(BillingField.Tags));
        }
    }

    private static string OrOther(string s) => s.Length == 0 ? "Other" : s;

    private static string OrDefault(string s, string d) => s.Length == 0 ? d : s;

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private interface IRow
    {
        string Get(BillingField field);
    }

    private readonly struct DictionaryRow(BillingColumnMap map, IReadOnlyDictionary<string, string> row) : IRow
    {
        public string Get(BillingField field) => map.Get(row, field);
    }

    private readonly struct ListRow(BillingColumnMap map, IReadOnlyList<string> row) : IRow
    {
        public string Get(BillingField field) => map.Get(row, field);
    }
}
