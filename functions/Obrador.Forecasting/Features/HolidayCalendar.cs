using System.Globalization;

namespace Obrador.Forecasting.Features;

/// <summary>
/// Public and school holidays of one country (and optionally one school region), read from a CSV
/// <c>start,end,kind,region,name</c> (see <c>Calendars/README.md</c> for the shipped files and their sources).
/// Immutable and thread-safe.
/// </summary>
public sealed class HolidayCalendar
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string?), HolidayCalendar> Cache = new();
    private readonly HashSet<DateOnly> holidays;
    private readonly Dictionary<DateOnly, int> schoolRegions;
    private readonly int regionCount;

    private HolidayCalendar(HashSet<DateOnly> holidays, Dictionary<DateOnly, int> schoolRegions, int regionCount)
    {
        this.holidays = holidays;
        this.schoolRegions = schoolRegions;
        this.regionCount = Math.Max(1, regionCount);
    }

    /// <summary>Countries shipped as embedded resources: <c>FR</c>, <c>ES</c>.</summary>
    public static IReadOnlyList<string> BuiltInCountries { get; } = ["FR", "ES"];

    /// <summary>Loads a shipped calendar (<c>FR</c> or <c>ES</c>, case-insensitive).</summary>
    /// <param name="country">ISO 3166-1 alpha-2 code.</param>
    /// <param name="region">School region (FR: <c>A</c>, <c>B</c>, <c>C</c>); null = share of regions on holiday.</param>
    /// <exception cref="ForecastException">Unknown country.</exception>
    public static HolidayCalendar BuiltIn(string country, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(country);
        return Cache.GetOrAdd((country.ToUpperInvariant(), region), key => LoadBuiltIn(key.Item1, key.Item2));
    }

    private static HolidayCalendar LoadBuiltIn(string country, string? region)
    {
        var name = $"Obrador.Forecasting.Calendars.holidays_{country.ToLowerInvariant()}.csv";
        using var stream = typeof(HolidayCalendar).Assembly.GetManifestResourceStream(name)
            ?? throw new ForecastException($"No built-in holiday calendar for '{country}'; built in: {string.Join(", ", BuiltInCountries)}.", column: "country");
        using var reader = new StreamReader(stream);
        return FromCsv(reader, region);
    }

    /// <summary>Reads a calendar in the <c>start,end,kind,region,name</c> format.</summary>
    /// <exception cref="ForecastException">A malformed line (carries the 1-based data row).</exception>
    public static HolidayCalendar FromCsv(TextReader reader, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var holidays = new HashSet<DateOnly>();
        var school = new Dictionary<DateOnly, HashSet<string>>();
        var regions = new HashSet<string>(StringComparer.Ordinal);
        reader.ReadLine();
        long row = 0;
        while (reader.ReadLine() is { } line)
        {
            row++;
            if (line.Length == 0)
            {
                continue;
            }

            var f = line.Split(',', 5);
            if (f.Length < 4
                || !DateOnly.TryParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !DateOnly.TryParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                || end < start)
            {
                throw new ForecastException($"Holiday calendar row {row} is malformed: '{line}'.", row);
            }

            var kind = f[2];
            var r = f[3];
            if (kind == "school" && region is not null && r.Length > 0 && r != region)
            {
                continue;
            }

            regions.Add(r);
            for (var d = start; d <= end; d = d.AddDays(1))
            {
                if (kind == "national")
                {
                    holidays.Add(d);
                }
                else if (kind == "school")
                {
                    (school.TryGetValue(d, out var set) ? set : school[d] = []).Add(r);
                }
            }
        }

        var schoolRegionCount = school.Values.SelectMany(x => x).Distinct(StringComparer.Ordinal).Count();
        return new HolidayCalendar(holidays, school.ToDictionary(kv => kv.Key, kv => kv.Value.Count), schoolRegionCount);
    }

    /// <summary>True on a public holiday.</summary>
    public bool IsHoliday(DateOnly date) => holidays.Contains(date);

    /// <summary>Share of school regions on holiday at <paramref name="date"/>, in [0, 1] (0 or 1 when one region is selected).</summary>
    public double SchoolHoliday(DateOnly date) => schoolRegions.TryGetValue(date, out var n) ? Math.Min(1.0, (double)n / regionCount) : 0;
}
