using System.Globalization;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Storage;
using Obrador.Parquet;
using Obrador.Testing;

namespace Obrador.Pipeline.Tests.Etl;

/// <summary>Writes bronze Parquet files the way ingestion does, from the real shared datasets.</summary>
internal static class BronzeFixture
{
    public static async Task WriteAsync<T>(IObjectStore lake, string path, IEnumerable<T> rows)
    {
        using var ms = new MemoryStream();
        await ParquetRecords.WriteAsync(ms, rows);
        ms.Position = 0;
        await lake.PutAsync(path, ms);
    }

    /// <summary>Bread Basket till lines as pos_sale events of store EDI-01 (Edinburgh, Europe/London), one bronze file per day.</summary>
    public static IEnumerable<(string Path, List<BronzeEvent> Rows)> BreadBasket(int maxDays = int.MaxValue)
    {
        var lines = File.ReadLines(Path.Combine(RepoPaths.SharedData, "bread-basket", "BreadBasket_DMS.csv")).Skip(1);
        var seq = 0L;
        var events = new List<BronzeEvent>();
        foreach (var line in lines)
        {
            var p = line.Split(',');
            if (p.Length < 4 || p[3] == "NONE")
            {
                continue;
            }

            var local = DateTime.ParseExact(p[0] + " " + p[1], "dd-MM-yyyy HH:mm:ss", CultureInfo.InvariantCulture);
            var at = new DateTimeOffset(local, TimeSpan.Zero); // the till clock is read as UTC; the calendar maps it back to London days
            events.Add(Event($"bb-{seq}", "pos_sale", at, seq++, store: "edi-01", product: p[3], qty: 1, price: 2.5m, ticket: "T" + p[2]));
        }

        return events.GroupBy(e => DateOnly.FromDateTime(e.EnqueuedAt.UtcDateTime)).OrderBy(g => g.Key).Take(maxDays)
            .Select(g => (LakePaths.BronzeEvents(g.Key, "0", g.First().SequenceNumber, g.Last().SequenceNumber), g.ToList()));
    }

    /// <summary>Online Retail purchases as purchase events (users = CustomerID), one bronze file per day.</summary>
    public static IEnumerable<(string Path, List<BronzeEvent> Rows)> OnlineRetail()
    {
        var seq = 1_000_000L;
        var events = new List<BronzeEvent>();
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.SharedData, "online-retail", "online_retail_first10000_clean.csv")).Skip(1))
        {
            var p = SplitCsv(line);
            if (p.Count < 8 || p[6].Length == 0)
            {
                continue;
            }

            var at = new DateTimeOffset(DateTime.ParseExact(p[4], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.Zero);
            var user = "C" + p[6].Replace(".0", string.Empty, StringComparison.Ordinal);
            var payload = "{\"data\":{\"description\":" + System.Text.Json.JsonSerializer.Serialize(p[2]) + ",\"category\":\"gift\"}}";
            events.Add(Event($"or-{p[0]}-{seq}", "purchase", at, seq++, user: user, item: p[1], qty: decimal.Parse(p[3], CultureInfo.InvariantCulture), price: decimal.Parse(p[5], CultureInfo.InvariantCulture), payload: payload));
        }

        return events.GroupBy(e => DateOnly.FromDateTime(e.EnqueuedAt.UtcDateTime)).OrderBy(g => g.Key)
            .Select(g => (LakePaths.BronzeEvents(g.Key, "1", g.First().SequenceNumber, g.Last().SequenceNumber), g.ToList()));
    }

    /// <summary>The French bakery's daily sales as one historical upload (units = revenue / price).</summary>
    public static (string Path, List<BronzeSale> Rows) BakeryUpload(string uploadId = "0123456789abcdef0123456789abcdef", long version = 638_000_000_000_000_000)
    {
        var rows = new List<BronzeSale>();
        var n = 0;
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.SharedData, "bakery-fr", "daily_sales_french_bakery.csv")).Skip(1))
        {
            var p = SplitCsv(line);
            // Ingestion stores decimal(18,4); the CSV carries float noise such as 27.900000000000002.
            var revenue = decimal.Round(decimal.Parse(p[2], CultureInfo.InvariantCulture), 4);
            var price = decimal.Round(decimal.Parse(p[3], CultureInfo.InvariantCulture), 4);
            rows.Add(new BronzeSale
            {
                UploadId = uploadId,
                UploadVersion = version,
                RowNumber = ++n,
                StoreId = "fr-bakery",
                ProductId = new string(p[0].Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()),
                Date = DateOnly.ParseExact(p[1], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Units = price > 0 ? decimal.Round(revenue / price, 3) : 0,
                Revenue = revenue,
                UnitPrice = price,
            });
        }

        return (LakePaths.BronzeSales(new DateOnly(2022, 10, 1), uploadId, version), rows);
    }

    public static BronzeEvent Event(string id, string type, DateTimeOffset at, long seq, string? store = null, string? product = null, decimal? qty = null, decimal? price = null, string? user = null, string? item = null, string? ticket = null, decimal? onHand = null, string payload = "{}", DateTimeOffset? enqueued = null) => new()
    {
        EventId = id,
        EventType = type,
        OccurredAt = at,
        Source = "fixture",
        SchemaVersion = 1,
        UserId = user,
        ItemId = item,
        StoreId = store,
        ProductId = product,
        TicketId = ticket,
        Quantity = qty,
        Price = price,
        OnHand = onHand,
        Payload = System.Text.Encoding.UTF8.GetBytes(payload),
        PartitionId = "0",
        SequenceNumber = seq,
        EnqueuedAt = enqueued ?? at.AddSeconds(2),
        IngestedAt = enqueued ?? at.AddSeconds(3),
    };

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return fields;
    }
}
