using System.Globalization;
using Obrador.FinOps.Normalisation;

namespace Obrador.FinOps.Synthetic;

/// <summary>
/// Expands real billing rows into long daily cost series with known anomalies, because no public cost history is long
/// enough to learn from. From the real rows (normalised FOCUS sample and Azure EA exports) it takes the service,
/// resource type and region combinations, the application and business-unit tag values and the account names; it then
/// builds subscriptions → resource groups (one application and environment each, 20% shared by three applications)
/// → resources whose names follow three real-world styles (<c>vm-app-prod-007</c>, <c>vmapp007</c>, opaque
/// <c>vm-3fa9c2d1</c>). Each resource's cost is base · (1 + trend·d/365) · weekly factor (non-prod compute ×0.5 at
/// weekends, prod compute ×0.85) · month-end factor (10% of resources +50% on the last two days) · log-normal noise,
/// zero outside its life (churn: created or deleted part-way). Per resource group it then injects anomalies covering
/// <see cref="GeneratorOptions.AnomalyShare"/> of the scored days (day ≥ 35), ≥ 10 days apart: spikes and upward
/// shifts/drifts are added to one culprit resource as a share of the group's cost that day; dips and downward shifts
/// scale the whole group. Tags: owner and cost-center follow the application's business unit, environment the group;
/// <see cref="GeneratorOptions.TagNoiseShare"/> of resources carry another application's tags, and
/// <see cref="GeneratorOptions.UntaggedShare"/> lose some or all required tags. Deterministic for a seed.
/// </summary>
public static class CostDataGenerator
{
    private const int FirstScoredDay = 35;

    /// <summary>Generates the data set.</summary>
    /// <param name="templates">Real normalised rows (at least one with a service name).</param>
    /// <param name="options">Sizes, seed and effects.</param>
    /// <exception cref="ArgumentException">No usable template row.</exception>
    public static SyntheticCostData Generate(IReadOnlyList<CostRecord> templates, GeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var o = options ?? new GeneratorOptions();
        o.Validate();
        var services = templates.Where(t => t.ServiceName.Length > 0)
            .Select(t => (t.ServiceName, t.ServiceCategory, Type: t.ResourceType.Length > 0 ? t.ResourceType : t.ServiceName, TypeId: t.ResourceTypeId, RegionId: t.RegionId.Length > 0 ? t.RegionId : "eastus", RegionName: t.RegionName.Length > 0 ? t.RegionName : "East US"))
            .Distinct().OrderBy(s => s.ServiceName, StringComparer.Ordinal).ThenBy(s => s.Type, StringComparer.Ordinal).ThenBy(s => s.RegionId, StringComparer.Ordinal).ToList();
        if (services.Count == 0)
        {
            throw new ArgumentException("no template row has a service name", nameof(templates));
        }

        var appNames = TagValues(templates, "application");
        var units = TagValues(templates, "business_unit");
        var accounts = templates.Select(t => t.SubAccountName).Where(n => n.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var random = new Random(o.Seed);

        var groupCount = Math.Max(2, o.Resources / o.ResourcesPerGroup);
        var subCount = Math.Max(2, groupCount / 25);
        var appCount = Math.Max(2, groupCount / 2);
        var subs = Enumerable.Range(0, subCount).Select(i => (Id: Guid(random), Name: Pick(accounts, i, "Subscription"))).ToList();
        var apps = Enumerable.Range(0, appCount).Select(i =>
        {
            var name = Pick(appNames, i, "App");
            var unit = units.Count > 0 ? units[random.Next(units.Count)] : "Unit" + (i % 7);
            return (Name: name, Slug: name.ToLowerInvariant(), Owner: "team-" + unit.ToLowerInvariant(), CostCenter: "CC" + (1000 + (StableHash(unit) % 9000)).ToString(CultureInfo.InvariantCulture));
        }).ToList();
        string[] envs = ["prod", "dev", "test"];
        var groups = Enumerable.Range(0, groupCount).Select(g =>
        {
            var env = random.NextDouble() switch { < 0.5 => "prod", < 0.8 => "dev", _ => "test" };
            var shared = random.NextDouble() < 0.2;
            var groupApps = shared ? new[] { random.Next(appCount), random.Next(appCount), random.Next(appCount) } : [random.Next(appCount)];
            var sub = subs[random.Next(subCount)];
            var name = shared ? $"rg-shared-{env}-{g:D3}" : $"rg-{apps[groupApps[0]].Slug}-{env}-{g:D3}";
            return (Name: name, Env: env, Apps: groupApps, Sub: sub, Scope: sub.Id + "/" + name.ToLowerInvariant());
        }).ToList();

        var resources = new List<SyntheticResource>(o.Resources);
        var cost = new float[o.Resources][];
        for (var i = 0; i < o.Resources; i++)
        {
            var g = groups[i < groupCount ? i : random.Next(groupCount)];
            var app = apps[g.Apps[random.Next(g.Apps.Length)]];
            var svc = services[random.Next(services.Count)];
            var abbr = svc.ServiceCategory switch { "Compute" => "vm", "Storage" => "st", "Networking" => "lb", "Databases" => "sql", _ => "app" };
            var name = random.NextDouble() switch
            {
                < 0.5 => $"{abbr}-{app.Slug}-{g.Env}-{i:D3}",
                < 0.75 => $"{abbr}{app.Slug[..Math.Min(8, app.Slug.Length)]}{i:D3}",
                _ => $"{abbr}-{random.Next():x8}",
            };
            var typeId = svc.TypeId.Length > 0 ? svc.TypeId : abbr switch { "vm" => "microsoft.compute/virtualmachines", "st" => "microsoft.storage/storageaccounts", "lb" => "microsoft.network/loadbalancers", "sql" => "microsoft.sql/servers", _ => "microsoft.web/sites" };
            var trueApp = random.NextDouble() < o.TagNoiseShare ? apps[random.Next(appCount)] : app;
            var env = random.NextDouble() < o.TagNoiseShare ? envs[random.Next(3)] : g.Env;
            var tags = new Dictionary<string, string> { ["owner"] = trueApp.Owner, ["cost-center"] = trueApp.CostCenter, ["application"] = trueApp.Name, ["environment"] = env };
            var observed = new Dictionary<string, string>(tags);
            if (random.NextDouble() < o.UntaggedShare)
            {
                var all = random.NextDouble() < 0.4;
                var keys = tags.Keys.Where(_ => all || random.NextDouble() < 0.5).ToList();
                foreach (var k in keys.Count > 0 ? keys : [tags.Keys.ElementAt(random.Next(4))])
                {
                    observed.Remove(k);
                }
            }

            resources.Add(new SyntheticResource
            {
                ResourceId = $"/subscriptions/{g.Sub.Id}/resourceGroups/{g.Name}/providers/{typeId}/{name}",
                Name = name,
                ResourceGroup = g.Name,
                GroupScope = g.Scope,
                ResourceType = svc.Type,
                ServiceName = svc.ServiceName,
                ServiceCategory = svc.ServiceCategory,
                RegionId = svc.RegionId,
                RegionName = svc.RegionName,
                SubAccountId = g.Sub.Id,
                SubAccountName = g.Sub.Name,
                TrueTags = tags,
                ObservedTags = observed,
            });
            cost[i] = Series(random, o, svc.ServiceCategory == "Compute", g.Env == "prod");
        }

        var anomalies = o.AnomalyShare > 0 ? Inject(random, o, resources, cost) : [];
        return new SyntheticCostData(o.Start, o.Days, resources, cost, anomalies);
    }

    private static float[] Series(Random random, GeneratorOptions o, bool compute, bool prod)
    {
        var y = new float[o.Days];
        var baseCost = Math.Exp(Math.Log(3) + Normal(random));
        var weekend = compute ? (prod ? 0.85 : 0.5) : 1.0;
        var monthEnd = random.NextDouble() < 0.1 ? 1.5 : 1.0;
        var first = 0;
        var last = o.Days - 1;
        var churn = random.NextDouble();
        if (churn < o.ChurnShare / 2)
        {
            first = random.Next(o.Days * 9 / 10);
        }
        else if (churn < o.ChurnShare)
        {
            last = o.Days / 10 + random.Next(o.Days * 9 / 10);
        }

        var s = o.NoiseSigma;
        for (var d = first; d <= last; d++)
        {
            var day = o.Start.AddDays(d);
            var w = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? weekend : 1.0;
            var m = day.Day > DateTime.DaysInMonth(day.Year, day.Month) - 2 ? monthEnd : 1.0;
            y[d] = (float)(baseCost * (1 + (o.TrendPerYear * d / 365.0)) * w * m * Math.Exp((s * Normal(random)) - (s * s / 2)));
        }

        return y;
    }

    private static List<InjectedAnomaly> Inject(Random random, GeneratorOptions o, List<SyntheticResource> resources, float[][] cost)
    {
        var result = new List<InjectedAnomaly>();
        foreach (var group in resources.Select((r, i) => (r.GroupScope, i)).GroupBy(p => p.GroupScope, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.Select(p => p.i).ToArray();
            var total = new double[o.Days];
            foreach (var i in members)
            {
                for (var d = 0; d < o.Days; d++)
                {
                    total[d] += cost[i][d];
                }
            }

            var target = (int)Math.Round(o.AnomalyShare * (o.Days - FirstScoredDay));
            var busy = new bool[o.Days];
            var covered = 0;
            for (var attempt = 0; attempt < 500 && covered < target; attempt++)
            {
                var kind = PickKind(random, o.Kinds);
                var length = kind switch { AnomalyKind.LevelShift => 5 + random.Next(4), AnomalyKind.Drift => 8 + random.Next(5), _ => 1 };
                var first = FirstScoredDay + random.Next(o.Days - FirstScoredDay - length + 1);
                var last = first + length - 1;
                if (Enumerable.Range(Math.Max(0, first - 10), Math.Min(o.Days, last + 11) - Math.Max(0, first - 10)).Any(d => busy[d]))
                {
                    continue;
                }

                var magnitude = kind switch
                {
                    AnomalyKind.Spike => 0.8 + (1.7 * random.NextDouble()),
                    AnomalyKind.Dip => -(0.45 + (0.3 * random.NextDouble())),
                    AnomalyKind.LevelShift => (random.NextDouble() < 0.7 ? 1 : -0.7) * (0.4 + (0.5 * random.NextDouble())),
                    _ => 0.8 + (0.8 * random.NextDouble()),
                };
                var culprit = members[random.Next(members.Length)];
                for (var d = first; d <= last; d++)
                {
                    var m = kind == AnomalyKind.Drift ? magnitude * (d - first + 1) / length : magnitude;
                    if (m > 0)
                    {
                        cost[culprit][d] += (float)(m * total[d]);
                    }
                    else
                    {
                        foreach (var i in members)
                        {
                            cost[i][d] *= (float)(1 + m);
                        }
                    }

                    busy[d] = true;
                }

                covered += length;
                result.Add(new InjectedAnomaly(group.Key, kind, first, last, magnitude));
            }
        }

        return result;
    }

    private static AnomalyKind PickKind(Random random, IReadOnlyList<AnomalyKind> kinds)
    {
        static double Weight(AnomalyKind k) => k switch { AnomalyKind.Spike => 0.3, AnomalyKind.Dip => 0.2, _ => 0.25 };
        var u = random.NextDouble() * kinds.Sum(Weight);
        foreach (var k in kinds)
        {
            u -= Weight(k);
            if (u < 0)
            {
                return k;
            }
        }

        return kinds[^1];
    }

    private static List<string> TagValues(IReadOnlyList<CostRecord> rows, string key) =>
        rows.SelectMany(r => r.Tags.Where(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value))
            .Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static string Pick(List<string> names, int i, string fallback) =>
        names.Count == 0 ? fallback + i.ToString(CultureInfo.InvariantCulture)
        : i < names.Count ? names[i] : names[i % names.Count] + (i / names.Count).ToString(CultureInfo.InvariantCulture);

    private static string Guid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new System.Guid(bytes).ToString();
    }

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s)
        {
            h = unchecked((h * 31) + c);
        }

        return h & int.MaxValue;
    }

    private static double Normal(Random random)
    {
        // Box–Muller; 1 − U keeps the logarithm finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
