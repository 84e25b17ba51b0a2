using System.Globalization;
using System.Text;
using Obrador.FinOps.Labelling;

namespace Obrador.FinOps.Synthetic;

/// <summary>
/// The generator's output: resources (with true and observed tags), their daily cost matrix, and the injected
/// anomalies. <see cref="FocusRows()"/> renders it as FOCUS 1.0 billing rows (one per resource per active day) so the
/// whole pipeline, normalisation included, can run on it.
/// </summary>
public sealed class SyntheticCostData
{
    /// <summary>The FOCUS columns <see cref="FocusRows()"/> emits, in order.</summary>
    public static IReadOnlyList<string> FocusHeader { get; } =
    [
        "BilledCost", "EffectiveCost", "ListCost", "ChargePeriodStart", "ChargePeriodEnd", "BillingCurrency", "ChargeCategory",
        "ProviderName", "ServiceName", "ServiceCategory", "ResourceId", "ResourceName", "ResourceType", "RegionId", "RegionName",
        "SubAccountId", "SubAccountName", "x_ResourceGroupName", "Tags",
    ];

    internal SyntheticCostData(DateOnly start, int days, IReadOnlyList<SyntheticResource> resources, float[][] cost, IReadOnlyList<InjectedAnomaly> anomalies)
    {
        Start = start;
        Days = days;
        Resources = resources;
        Cost = cost;
        Anomalies = anomalies;
    }

    /// <summary>First day.</summary>
    public DateOnly Start { get; }

    /// <summary>Number of days.</summary>
    public int Days { get; }

    /// <summary>The resources.</summary>
    public IReadOnlyList<SyntheticResource> Resources { get; }

    /// <summary>Daily cost per resource: <c>Cost[resource][day]</c>, 0 outside the resource's life.</summary>
    public float[][] Cost { get; }

    /// <summary>Injected anomalies (empty for clean data).</summary>
    public IReadOnlyList<InjectedAnomaly> Anomalies { get; }

    /// <summary>The inventory as auto-labelling sees it (observed tags, total cost rounded to the cent per day).</summary>
    public IReadOnlyList<ResourceInventoryItem> Inventory() =>
        Resources.Select((r, i) => new ResourceInventoryItem
        {
            ResourceId = r.ResourceId,
            ResourceName = r.Name,
            ResourceGroup = r.ResourceGroup,
            ResourceType = r.ResourceType,
            SubAccountId = r.SubAccountId,
            SubAccountName = r.SubAccountName,
            ServiceName = r.ServiceName,
            Tags = r.ObservedTags,
            Cost = Cost[i].Sum(c => Math.Round((decimal)c, 2)),
        }).ToList();

    /// <summary>FOCUS rows (values in <see cref="FocusHeader"/> order), resource-major, one per active resource-day.</summary>
    public IEnumerable<string[]> FocusRows() => FocusRows(0, 1);

    /// <summary>The rows of the resources with index ≡ <paramref name="partition"/> (mod <paramref name="partitions"/>), for parallel runs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">partition outside [0, partitions).</exception>
    public IEnumerable<string[]> FocusRows(int partition, int partitions)
    {
        if (partitions < 1 || partition < 0 || partition >= partitions)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), "partition must be in [0, partitions)");
        }

        return Rows(partition, partitions);
    }

    private IEnumerable<string[]> Rows(int partition, int partitions)
    {
        for (var i = partition; i < Resources.Count; i += partitions)
        {
            var r = Resources[i];
            var tags = TagsJson(r.ObservedTags);
            for (var d = 0; d < Days; d++)
            {
                if (Cost[i][d] <= 0)
                {
                    continue;
                }

                var day = Start.AddDays(d);
                var money = Math.Round((decimal)Cost[i][d], 2).ToString(CultureInfo.InvariantCulture);
                yield return
                [
                    money, money, money, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00",
                    day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00", "USD", "Usage", "Microsoft",
                    r.ServiceName, r.ServiceCategory, r.ResourceId, r.Name, r.ResourceType, r.RegionId, r.RegionName,
                    r.SubAccountId, r.SubAccountName, r.ResourceGroup, tags,
                ];
            }
        }
    }

    private static string TagsJson(IReadOnlyDictionary<string, string> tags)
    {
        if (tags.Count == 0)
        {
            return "NULL";
        }

        var sb = new StringBuilder("{");
        foreach (var (k, v) in tags)
        {
            sb.Append(sb.Length > 1 ? ", " : "").Append('"').Append(k).Append("\": \"").Append(v).Append('"');
        }

        return sb.Append('}').ToString();
    }
}
