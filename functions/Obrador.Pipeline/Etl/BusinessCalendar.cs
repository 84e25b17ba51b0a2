using NodaTime;
using Obrador.Ingestion.Bronze;

namespace Obrador.Pipeline.Etl;

/// <summary>
/// Maps a UTC instant to the store's local business date using the store's IANA time zone (tzdb via NodaTime), so a
/// sale at 00:30 in Paris belongs to that Paris day even though it is the previous day in UTC.
/// </summary>
/// <remarks>Thread safe; zones are resolved once per store.</remarks>
public sealed class BusinessCalendar
{
    private readonly DateTimeZone _default;
    private readonly Dictionary<string, DateTimeZone> _zones = new(StringComparer.Ordinal);

    /// <summary>Creates the calendar from validated options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown zone (see <see cref="EtlOptions.Validate"/>).</exception>
    public BusinessCalendar(EtlOptions options)
    {
        options.Validate();
        _default = DateTimeZoneProviders.Tzdb[options.DefaultTimeZone];
        var ids = new IdNormalizer(options.IdMappings);
        foreach (var (store, zone) in options.StoreTimeZones)
        {
            _zones[ids.Id(store) ?? store] = DateTimeZoneProviders.Tzdb[zone];
        }
    }

    /// <summary>The business date of <paramref name="utc"/> at <paramref name="storeId"/> (normalised id; null = default zone).</summary>
    public DateOnly BusinessDate(DateTimeOffset utc, string? storeId)
    {
        var zone = storeId is not null && _zones.TryGetValue(storeId, out var z) ? z : _default;
        var local = Instant.FromDateTimeOffset(utc).InZone(zone).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }
}
