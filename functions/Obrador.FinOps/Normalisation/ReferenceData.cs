using System.Reflection;

namespace Obrador.FinOps.Normalisation;

/// <summary>
/// The FinOps toolkit lookups shipped as embedded resources (<c>Data/*.csv</c>, MIT, see <c>Data/NOTICE.md</c>):
/// Azure services by (consumed service, resource type), resource type display names, and region spellings.
/// Loaded once; immutable and thread-safe.
/// </summary>
public sealed class ReferenceData
{
    private static readonly Lazy<ReferenceData> LazyDefault = new(Load);

    private readonly Dictionary<(string Consumed, string Type), (string Name, string Category)> servicesByPair;
    private readonly Dictionary<string, (string Name, string Category)> servicesByType;
    private readonly Dictionary<string, (string Name, string Category)> servicesByConsumed;
    private readonly Dictionary<string, string> typeNames;
    private readonly Dictionary<string, (string Id, string Name)> regions;

    private ReferenceData(
        Dictionary<(string, string), (string, string)> servicesByPair,
        Dictionary<string, (string, string)> servicesByType,
        Dictionary<string, (string, string)> servicesByConsumed,
        Dictionary<string, string> typeNames,
        Dictionary<string, (string, string)> regions)
    {
        this.servicesByPair = servicesByPair;
        this.servicesByType = servicesByType;
        this.servicesByConsumed = servicesByConsumed;
        this.typeNames = typeNames;
        this.regions = regions;
    }

    /// <summary>The lookups embedded in this assembly.</summary>
    public static ReferenceData Default => LazyDefault.Value;

    /// <summary>Number of service mappings loaded (for diagnostics and tests).</summary>
    public int ServiceCount => servicesByPair.Count;

    /// <summary>
    /// Maps an Azure consumed service (resource provider, e.g. <c>Microsoft.Compute</c>) and ARM resource type to the
    /// FOCUS ServiceName and ServiceCategory; tries the pair, then the type, then the provider. Case-insensitive.
    /// </summary>
    /// <returns>True when found.</returns>
    public bool TryGetService(string consumedService, string resourceType, out string serviceName, out string serviceCategory)
    {
        var c = consumedService.ToLowerInvariant();
        var t = resourceType.ToLowerInvariant();
        if (servicesByPair.TryGetValue((c, t), out var s) || servicesByType.TryGetValue(t, out s) || servicesByConsumed.TryGetValue(c, out s))
        {
            (serviceName, serviceCategory) = s;
            return true;
        }

        serviceName = "";
        serviceCategory = "";
        return false;
    }

    /// <summary>Display name of an ARM resource type (e.g. <c>microsoft.compute/virtualmachines</c> → <c>Virtual machine</c>).</summary>
    public bool TryGetResourceTypeName(string resourceType, out string displayName) =>
        typeNames.TryGetValue(resourceType.ToLowerInvariant(), out displayName!);

    /// <summary>Normalises an Azure location spelling (<c>EastUS2</c>, <c>east us 2</c>, <c>bn</c>) to RegionId and RegionName.</summary>
    public bool TryGetRegion(string location, out string regionId, out string regionName)
    {
        if (regions.TryGetValue(location.Trim().ToLowerInvariant(), out var r))
        {
            (regionId, regionName) = r;
            return true;
        }

        regionId = "";
        regionName = "";
        return false;
    }

    private static ReferenceData Load()
    {
        var byPair = new Dictionary<(string, string), (string, string)>();
        var byType = new Dictionary<string, (string, string)>();
        var byConsumed = new Dictionary<string, (string, string)>();
        foreach (var f in ReadCsv("Services.csv"))
        {
            var c = f[0].ToLowerInvariant();
            var t = f[1].ToLowerInvariant();
            var v = (f[2], f[3]);
            byPair.TryAdd((c, t), v);
            if (t.Length > 0)
            {
                byType.TryAdd(t, v);
            }

            if (c.Length > 0)
            {
                byConsumed.TryAdd(c, v);
            }
        }

        var types = new Dictionary<string, string>();
        foreach (var f in ReadCsv("ResourceTypes.csv"))
        {
            types.TryAdd(f[0].ToLowerInvariant(), f[1]);
        }

        var regions = new Dictionary<string, (string, string)>();
        foreach (var f in ReadCsv("Regions.csv"))
        {
            regions.TryAdd(f[0].ToLowerInvariant(), (f[1], f[2]));
            regions.TryAdd(f[1].ToLowerInvariant(), (f[1], f[2]));
        }

        return new ReferenceData(byPair, byType, byConsumed, types, regions);
    }

    private static IEnumerable<string[]> ReadCsv(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Obrador.FinOps.Data." + name)
            ?? throw new FinOpsException($"embedded lookup {name} is missing from the assembly");
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(line.Split(','));
            }
        }

        return rows;
    }
}
