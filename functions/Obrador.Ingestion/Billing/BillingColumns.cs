namespace Obrador.Ingestion.Billing;

/// <summary>
/// Which header holds each key column, per format (Cost Management "Understand cost details fields",
/// https://learn.microsoft.com/azure/cost-management-billing/automate/understand-usage-details-fields; FOCUS 1.0 §3).
/// </summary>
internal sealed record BillingColumns(
    string Format,
    int Cost,
    int EffectiveCost,
    int Date,
    int Currency,
    int Subscription,
    int SubscriptionName,
    int ResourceGroup,
    int ResourceId,
    int Service,
    int Tags,
    int PeriodStart,
    int PeriodEnd,
    int BillingAccount)
{
    /// <summary>Detects the format from the header and locates the key columns (-1 when absent).</summary>
    /// <exception cref="IngestionException">No cost column: not a billing export this reader knows (<c>billing.unknown_format</c>).</exception>
    public static BillingColumns Detect(IReadOnlyList<string> header, string file)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i].Trim(), i);
        }

        int Find(params string[] names)
        {
            foreach (var n in names)
            {
                if (index.TryGetValue(n, out var i))
                {
                    return i;
                }
            }

            return -1;
        }

        if (Find("BilledCost") >= 0 && Find("ChargePeriodStart") >= 0)
        {
            return new BillingColumns(BillingFormats.Focus, Find("BilledCost"), Find("EffectiveCost"), Find("ChargePeriodStart"), Find("BillingCurrency"),
                Find("SubAccountId"), Find("SubAccountName"), Find("x_ResourceGroupName"), Find("ResourceId"), Find("ServiceName"), Find("Tags"),
                Find("BillingPeriodStart"), Find("BillingPeriodEnd"), Find("BillingAccountId"));
        }

        var cost = Find("CostInBillingCurrency", "Cost", "PreTaxCost");
        if (cost < 0)
        {
            throw new IngestionException("billing.unknown_format", "the header has no BilledCost (FOCUS) nor Cost/CostInBillingCurrency (Cost Management) column", file, row: 0);
        }

        // EA cost details carry enrollment account columns; MCA ones do not (they have invoice sections and customers instead).
        var format = Find("AccountOwnerId", "EnrollmentNumber", "DepartmentName", "AccountName") >= 0 ? BillingFormats.Ea : BillingFormats.Mca;
        return new BillingColumns(format, cost, -1, Find("Date", "UsageDateTime"), Find("BillingCurrency", "BillingCurrencyCode", "Currency"),
            Find("SubscriptionId", "SubscriptionGuid"), Find("SubscriptionName"), Find("ResourceGroup", "ResourceGroupName"),
            Find("ResourceId", "InstanceId"), Find("MeterCategory", "ServiceName"), Find("Tags"),
            Find("BillingPeriodStartDate", "ServicePeriodStartDate"), Find("BillingPeriodEndDate", "ServicePeriodEndDate"), Find("BillingAccountId", "BillingProfileId"));
    }
}
