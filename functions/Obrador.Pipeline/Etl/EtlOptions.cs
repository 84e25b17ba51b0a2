namespace Obrador.Pipeline.Etl;

/// <summary>Settings of the silver and gold builds (section <c>Pipeline:Etl</c>).</summary>
public sealed record EtlOptions
{
    /// <summary>Days around an event's business date within which a repeated <c>event_id</c> is a duplicate. Default 7, range 0-90.</summary>
    public int DedupLookbackDays { get; init; } = 7;

    /// <summary>IANA time zone of stores not listed in <see cref="StoreTimeZones"/> and of web/app events. Default <c>Europe/Paris</c>.</summary>
    public string DefaultTimeZone { get; init; } = "Europe/Paris";

    /// <summary>IANA time zone per (normalised) store id, e.g. <c>{"EDI-01": "Europe/London"}</c>. Default empty.</summary>
    public IReadOnlyDictionary<string, string> StoreTimeZones { get; init; } = new Dictionary<string, string>();

    /// <summary>Id aliases applied after trimming and upper-casing, alias → canonical (e.g. a renamed product). Default empty.</summary>
    public IReadOnlyDictionary<string, string> IdMappings { get; init; } = new Dictionary<string, string>();

    /// <summary>Products a store sold within this many days before an open day are zero-filled on it. Default 28, range 1-366.</summary>
    public int ZeroFillLookbackDays { get; init; } = 28;

    /// <summary>Interaction weights by event type (implicit feedback strength). Default view 1, click 2, add_to_cart 3, purchase 5.</summary>
    public IReadOnlyDictionary<string, double> InteractionWeights { get; init; } = new Dictionary<string, double>
    {
        ["view"] = 1,
        ["click"] = 2,
        ["add_to_cart"] = 3,
        ["purchase"] = 5,
    };

    /// <summary>Throws when a setting is out of range or a time zone is unknown.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Naming the setting.</exception>
    public void Validate()
    {
        if (DedupLookbackDays is < 0 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(DedupLookbackDays), DedupLookbackDays, "Expected 0-90.");
        }

        if (ZeroFillLookbackDays is < 1 or > 366)
        {
            throw new ArgumentOutOfRangeException(nameof(ZeroFillLookbackDays), ZeroFillLookbackDays, "Expected 1-366.");
        }

        foreach (var zone in StoreTimeZones.Values.Append(DefaultTimeZone))
        {
            if (NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
            {
                throw new ArgumentOutOfRangeException(nameof(StoreTimeZones), zone, "Unknown IANA time zone.");
            }
        }

        if (InteractionWeights.Values.Any(w => !(w >= 0 && double.IsFinite(w))))
        {
            throw new ArgumentOutOfRangeException(nameof(InteractionWeights), "Weights must be finite and non-negative.");
        }
    }
}
