namespace Obrador.FinOps.Normalisation;

/// <summary>
/// Binds the fields the normaliser needs to the headers of one export, once per file: detects the format (FOCUS 1.0 or
/// Azure EA/MCA cost details) and resolves each field to the first matching header, case-insensitively.
/// Immutable and thread-safe.
/// </summary>
public sealed class BillingColumnMap
{
    private static readonly Dictionary<BillingField, string[]> FocusNames = new()
    {
        [BillingField.BilledCost] = ["BilledCost"],
        [BillingField.EffectiveCost] = ["EffectiveCost"],
        [BillingField.ListCost] = ["ListCost"],
        [BillingField.ChargePeriodStart] = ["ChargePeriodStart"],
        [BillingField.ChargePeriodEnd] = ["ChargePeriodEnd"],
        [BillingField.BillingCurrency] = ["BillingCurrency"],
        [BillingField.ServiceName] = ["ServiceName"],
        [BillingField.ServiceCategory] = ["ServiceCategory"],
        [BillingField.ResourceId] = ["ResourceId"],
        [BillingField.ResourceName] = ["ResourceName"],
        [BillingField.ResourceType] = ["ResourceType"],
        [BillingField.RegionId] = ["RegionId"],
        [BillingField.RegionName] = ["RegionName"],
        [BillingField.SubAccountId] = ["SubAccountId"],
        [BillingField.SubAccountName] = ["SubAccountName"],
        [BillingField.ChargeCategory] = ["ChargeCategory"],
        [BillingField.ProviderName] = ["ProviderName"],
        [BillingField.ResourceGroup] = ["x_ResourceGroupName", "ResourceGroup"],
        [BillingField.Tags] = ["Tags"],
    };

    // Column names of the EA and MCA cost details schemas (learn.microsoft.com, "Understand cost details fields").
    private static readonly Dictionary<BillingField, string[]> AzureNames = new()
    {
        [BillingField.BilledCost] = ["CostInBillingCurrency", "Cost", "PreTaxCost"],
        [BillingField.ChargePeriodStart] = ["Date", "UsageDateTime"],
        [BillingField.BillingCurrency] = ["BillingCurrency", "BillingCurrencyCode", "Currency"],
        [BillingField.ResourceId] = ["ResourceId", "InstanceId"],
        [BillingField.ResourceName] = ["ResourceName"],
        [BillingField.RegionName] = ["ResourceLocation", "Location"],
        [BillingField.SubAccountId] = ["SubscriptionId", "SubscriptionGuid"],
        [BillingField.SubAccountName] = ["SubscriptionName"],
        [BillingField.ChargeCategory] = ["ChargeType"],
        [BillingField.ResourceGroup] = ["ResourceGroup", "ResourceGroupName"],
        [BillingField.Tags] = ["Tags"],
        [BillingField.ConsumedService] = ["ConsumedService"],
        [BillingField.MeterCategory] = ["MeterCategory"],
        [BillingField.Quantity] = ["Quantity"],
        [BillingField.PayGPrice] = ["PayGPrice"],
        [BillingField.PricingModel] = ["PricingModel"],
    };

    private readonly string?[] headers;
    private readonly int[] indexes;

    private BillingColumnMap(BillingFormat format, string?[] headers, int[] indexes)
    {
        Format = format;
        this.headers = headers;
        this.indexes = indexes;
    }

    /// <summary>The detected source format.</summary>
    public BillingFormat Format { get; }

    /// <summary>
    /// Detects the format from <paramref name="header"/> and binds the fields. FOCUS needs BilledCost, EffectiveCost and
    /// ChargePeriodStart; Azure cost details need Date and one of CostInBillingCurrency/Cost/PreTaxCost.
    /// </summary>
    /// <exception cref="FinOpsException">The header matches neither format (the message names the missing columns).</exception>
    public static BillingColumnMap Create(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            byName.TryAdd(header[i].Trim().TrimStart('\uFEFF'), i);
        }

        if (byName.ContainsKey("BilledCost") && byName.ContainsKey("EffectiveCost") && byName.ContainsKey("ChargePeriodStart"))
        {
            return Bind(BillingFormat.Focus, FocusNames, header, byName);
        }

        if ((byName.ContainsKey("Date") || byName.ContainsKey("UsageDateTime"))
            && AzureNames[BillingField.BilledCost].Any(byName.ContainsKey))
        {
            return Bind(BillingFormat.AzureCostDetails, AzureNames, header, byName);
        }

        throw new FinOpsException(
            "unrecognised billing header: expected FOCUS 1.0 (BilledCost, EffectiveCost, ChargePeriodStart) or Azure cost details (Date, CostInBillingCurrency|Cost)");
    }

    internal bool Has(BillingField field) => indexes[(int)field] >= 0;

    internal string? HeaderOf(BillingField field) => headers[(int)field];

    internal string Get(IReadOnlyDictionary<string, string> row, BillingField field)
    {
        var name = headers[(int)field];
        return name is not null && row.TryGetValue(name, out var v) ? Clean(v) : "";
    }

    internal string Get(IReadOnlyList<string> row, BillingField field)
    {
        var i = indexes[(int)field];
        return i >= 0 && i < row.Count ? Clean(row[i]) : "";
    }

    // FOCUS samples spell missing values as the literal NULL.
    private static string Clean(string? v) =>
        v is null || v.Length == 0 || v == "NULL" ? "" : v.Trim();

    private static BillingColumnMap Bind(
        BillingFormat format,
        Dictionary<BillingField, string[]> names,
        IReadOnlyList<string> header,
        Dictionary<string, int> byName)
    {
        var count = Enum.GetValues<BillingField>().Length;
        var h = new string?[count];
        var idx = Enumerable.Repeat(-1, count).ToArray();
        foreach (var (field, candidates) in names)
        {
            foreach (var c in candidates)
            {
                if (byName.TryGetValue(c, out var i))
                {
                    h[(int)field] = header[i];
                    idx[(int)field] = i;
                    break;
                }
            }
        }

        return new BillingColumnMap(format, h, idx);
    }
}
