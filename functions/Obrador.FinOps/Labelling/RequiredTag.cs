namespace Obrador.FinOps.Labelling;

/// <summary>
/// A tag every resource must carry, with the spellings that count as it. Keys are compared after lower-casing and
/// removing every non-alphanumeric character, so <c>Cost-Center</c>, <c>cost_center</c> and <c>CostCenter</c> match.
/// </summary>
/// <param name="Name">Canonical key written by suggestions (e.g. <c>cost-center</c>).</param>
/// <param name="Aliases">Other keys that satisfy it (e.g. <c>costcentre</c>, <c>cc</c>).</param>
public sealed record RequiredTag(string Name, IReadOnlyList<string> Aliases)
{
    /// <summary>The default set: owner, cost-center, application (or plant), environment.</summary>
    public static IReadOnlyList<RequiredTag> Defaults { get; } =
    [
        new("owner", ["createdby", "contact", "technicalowner"]),
        new("cost-center", ["costcentre", "cc", "costdepartment"]),
        new("application", ["app", "plant", "workload"]),
        new("environment", ["env", "stage"]),
    ];

    /// <summary>True when <paramref name="key"/> is this tag under any spelling.</summary>
    public bool Matches(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var k = Canonical(key);
        return k == Canonical(Name) || Aliases.Any(a => Canonical(a) == k);
    }

    /// <summary>The value of this tag in <paramref name="tags"/> (first matching non-empty key), or null.</summary>
    public string? ValueIn(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var (k, v) in tags)
        {
            if (v.Length > 0 && Matches(k))
            {
                return v;
            }
        }

        return null;
    }

    internal static string Canonical(string key) =>
        string.Create(key.Count(char.IsLetterOrDigit), key, (span, k) =>
        {
            var i = 0;
            foreach (var c in k)
            {
                if (char.IsLetterOrDigit(c))
                {
                    span[i++] = char.ToLowerInvariant(c);
                }
            }
        });
}
