using System.Globalization;

namespace Obrador.Ingestion.Uploads;

/// <summary>Typed reading of upload cells, tolerant of Spanish and English conventions and Excel's representations.</summary>
internal static class CellParser
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "dd.MM.yyyy", "yyyy/MM/dd", "yyyyMMdd",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy H:mm",
    ];

    /// <summary>The cell as text (numbers in invariant culture, integral doubles without decimals, XLSX dates as ISO 8601
    /// <c>yyyy-MM-dd</c> or <c>yyyy-MM-dd HH:mm:ss</c>, which <see cref="TryDate"/> reads back as the same day), or null when empty.</summary>
    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    /// <summary>
    /// A day: an XLSX date cell, an Excel serial number (1900 system, e.g. <c>45292</c> = 2024-01-01), ISO
    /// <c>yyyy-MM-dd</c>, or day-first <c>dd/MM/yyyy</c> (the Spanish convention; month-first is not accepted
    /// because it is ambiguous with it).
    /// </summary>
    public static bool TryDate(object? cell, out DateOnly date)
    {
        date = default;
        switch (cell)
        {
            case DateTime dt:
                date = DateOnly.FromDateTime(dt);
                return true;
            case double serial:
                return TrySerial(serial, out date);
            case string s:
                s = s.Trim();
                if (DateTime.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    date = DateOnly.FromDateTime(parsed);
                    return true;
                }

                return s.Length == 5 && double.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && TrySerial(n, out date);
            default:
                return false;
        }
    }

    /// <summary>A decimal: <c>1234.5</c>, <c>1.234,5</c>, <c>1234,5</c>, <c>1,234.5</c> or an XLSX number.</summary>
    public static bool TryDecimal(object? cell, out decimal value)
    {
        value = 0;
        switch (cell)
        {
            case double d when double.IsFinite(d) && Math.Abs(d) < 1e15:
                value = (decimal)d;
                return true;
            case string s:
                s = s.Trim().Replace(" ", "", StringComparison.Ordinal);
                var comma = s.LastIndexOf(',');
                var dot = s.LastIndexOf('.');
                if (comma >= 0 && dot >= 0)
                {
                    // The later separator is the decimal one; the other groups thousands.
                    s = comma > dot ? s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : s.Replace(",", "", StringComparison.Ordinal);
                }
                else if (comma >= 0)
                {
                    s = s.Replace(',', '.');
                }

                return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
            default:
                return false;
        }
    }

    /// <summary>A boolean: true/false, 1/0, yes/no, sí/si/no, x (true).</summary>
    public static bool TryBool(object? cell, out bool value)
    {
        value = false;
        switch (cell)
        {
            case bool b:
                value = b;
                return true;
            case double d when d is 0 or 1:
                value = d == 1;
                return true;
            case string s:
                switch (SalesColumns.Normalize(s))
                {
                    case "true" or "1" or "yes" or "y" or "si" or "s" or "x" or "verdadero":
                        value = true;
                        return true;
                    case "false" or "0" or "no" or "n" or "falso":
                        return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static bool TrySerial(double serial, out DateOnly date)
    {
        date = default;
        if (serial < 1 || serial > 2_958_465 || serial != Math.Floor(serial))
        {
            return false;
        }

        date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
        return true;
    }
}
