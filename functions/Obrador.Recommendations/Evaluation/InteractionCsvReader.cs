using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Evaluation;

/// <summary>Reads any interactions CSV (header row, comma separated, RFC 4180 quoting) into events and item facts.</summary>
public static class InteractionCsvReader
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "dd-MM-yyyy HH:mm:ss",
        "dd/MM/yyyy HH:mm:ss", "dd-MM-yyyy", "dd/MM/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
    ];

    /// <summary>Reads the file.</summary>
    /// <param name="path">CSV path.</param>
    /// <param name="columns">Column mapping.</param>
    /// <returns>The dataset; rows with an empty id, a bad rating or timestamp are in <see cref="InteractionDataset.Rejected"/>.</returns>
    /// <exception cref="RecommendationException">A named column is missing from the header.</exception>
    public static InteractionDataset Read(string path, CsvColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        using var reader = new StreamReader(path);
        return Read(reader, columns);
    }

    /// <summary>Reads CSV text from a reader (see <see cref="Read(string, CsvColumns)"/>).</summary>
    public static InteractionDataset Read(TextReader text, CsvColumns columns)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(columns);
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new RecommendationException("The CSV has no header row.");
        }

        var header = csv.HeaderRecord ?? [];
        int Column(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0
            ? i
            : throw new RecommendationException($"Column '{name}' not found; header is: {string.Join(", ", header)}.", null, name);

        var user = Column(columns.User);
        var item = Column(columns.Item);
        var rating = columns.Rating is null ? -1 : Column(columns.Rating);
        var time = columns.Timestamp?.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Column).ToArray() ?? [];
        var textColumn = columns.Text is null ? -1 : Column(columns.Text);
        var category = columns.Category is null ? -1 : Column(columns.Category);

        var events = new List<Interaction>();
        var items = new Dictionary<string, ItemInfo>(StringComparer.Ordinal);
        var rejected = new List<RejectedRow>();
        long row = 0;
        while (csv.Read())
        {
            row++;
            var u = csv.GetField(user) ?? string.Empty;
            var i = csv.GetField(item) ?? string.Empty;
            if (u.Length == 0 || i.Length == 0)
            {
                rejected.Add(new RejectedRow(row, u.Length == 0 ? columns.User : columns.Item, "empty id"));
                continue;
            }

            var value = 1.0;
            if (rating >= 0 && !(double.TryParse(csv.GetField(rating), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && double.IsFinite(value)))
            {
                rejected.Add(new RejectedRow(row, columns.Rating!, $"rating '{csv.GetField(rating)}' is not a positive number"));
                continue;
            }

            var stamp = DateTimeOffset.UnixEpoch.AddSeconds(row);
            if (time.Length > 0)
            {
                var raw = string.Join(' ', time.Select(c => csv.GetField(c)));
                if (!TryParseTimestamp(raw, out stamp))
                {
                    rejected.Add(new RejectedRow(row, columns.Timestamp!, $"timestamp '{raw}' not understood"));
                    continue;
                }
            }

            events.Add(new Interaction(u, i, stamp, EventTypes.Purchase, value));
            if ((textColumn >= 0 || category >= 0) && !items.ContainsKey(i))
            {
                items[i] = new ItemInfo(i, category >= 0 ? csv.GetField(category) ?? string.Empty : string.Empty, textColumn >= 0 ? csv.GetField(textColumn) ?? string.Empty : string.Empty);
            }
        }

        return new InteractionDataset(events, items, rejected);
    }

    /// <summary>Parses the supported timestamp shapes (ISO-like, day-first with dashes or slashes, Unix seconds), as UTC.</summary>
    internal static bool TryParseTimestamp(string raw, out DateTimeOffset value)
    {
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(raw, TimestampFormats, CultureInfo.InvariantCulture, Utc, out value))
        {
            return true;
        }

        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and < 253402300800)
        {
            value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, Utc, out value);
    }
}
