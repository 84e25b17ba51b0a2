using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Obrador.Ingestion.Bronze;

namespace Obrador.Ingestion.Billing;

/// <summary>
/// One billing export file read into bronze rows: format detection, every original column kept, key columns parsed,
/// and the file's own cost totals computed from the original text for reconciliation.
/// </summary>
/// <remarks>
/// CSV per RFC 4180 (CsvHelper), UTF-8 with or without BOM, delimiter detected (comma or semicolon); gzip detected by
/// its magic bytes (RFC 1952) and decompressed with a size cap. Costs are parsed as <see cref="decimal"/> (invariant
/// culture, exponent allowed: Cost Management writes <c>1.2E-05</c>); <c>NULL</c> and empty are null.
/// </remarks>
internal sealed partial class BillingCsvFile
{
    private static readonly string[] DateFormats =
    [
        "MM/dd/yyyy", "M/d/yyyy", "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ssK", "MM/dd/yyyy HH:mm:ss",
    ];

    private BillingCsvFile(string file, BillingColumns columns, string[] header)
    {
        File = file;
        Columns = columns;
        Header = header;
    }

    /// <summary>Source blob path.</summary>
    public string File { get; }

    /// <summary>Detected format and key column positions.</summary>
    public BillingColumns Columns { get; }

    /// <summary>The original header.</summary>
    public string[] Header { get; }

    /// <summary>Parsed lines (1-based row numbers), all lines of the file.</summary>
    public List<(int Row, string[] Fields, string Raw)> Lines { get; } = [];

    /// <summary>Problems found, as <c>row, column, message</c>; any problem quarantines the file.</summary>
    public List<(int Row, string Column, string Message)> Errors { get; } = [];

    /// <summary>Sum of the cost column as written in the file.</summary>
    public decimal FileCost { get; private set; }

    /// <summary>Sum of the effective cost column (FOCUS), as written.</summary>
    public decimal FileEffectiveCost { get; private set; }

    /// <summary>Reads a whole file.</summary>
    /// <exception cref="IngestionException">Over the size cap, corrupt gzip, no header, or an unknown format.</exception>
    public static BillingCsvFile Read(string file, byte[] content, long maxBytes)
    {
        var text = Decode(file, content, maxBytes);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, config);
        if (!parser.Read())
        {
            throw new IngestionException("billing.empty", "the file has no header row", file, row: 0);
        }

        var header = parser.Record!;
        var result = new BillingCsvFile(file, BillingColumns.Detect(header, file), header);
        var row = 0;
        while (parser.Read())
        {
            row++;
            var fields = parser.Record!;
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            result.Lines.Add((row, fields, parser.RawRecord.TrimEnd('\r', '\n')));
            if (fields.Length != header.Length)
            {
                result.Errors.Add((row, "*", $"row has {fields.Length} fields; the header has {header.Length}"));
                continue;
            }

            result.FileCost += result.Amount(fields, result.Columns.Cost, row) ?? 0;
            result.FileEffectiveCost += result.Amount(fields, result.Columns.EffectiveCost, row) ?? 0;
        }

        return result;
    }

    /// <summary>The bronze rows of the file (call only when <see cref="Errors"/> is empty).</summary>
    public List<BronzeBillingRow> ToBronze(string costType, string scope, string period)
    {
        var rows = new List<BronzeBillingRow>(Lines.Count);
        var c = Columns;
        foreach (var (row, f, _) in Lines)
        {
            var resourceId = Text(f, c.ResourceId);
            rows.Add(new BronzeBillingRow
            {
                File = File,
                RowNumber = row,
                SourceFormat = c.Format,
                CostType = costType,
                Scope = scope,
                Period = period,
                Date = DateOf(Text(f, c.Date)),
                Cost = Amount(f, c.Cost, row) ?? 0,
                EffectiveCost = c.EffectiveCost >= 0 ? Amount(f, c.EffectiveCost, row) : null,
                Currency = Text(f, c.Currency),
                Subscription = Text(f, c.Subscription),
                SubscriptionName = Text(f, c.SubscriptionName),
                ResourceGroup = Text(f, c.ResourceGroup) ?? (resourceId is null ? null : ResourceGroupOf(resourceId)),
                ResourceId = resourceId,
                Service = Text(f, c.Service),
                Tags = TagsJson(Text(f, c.Tags)),
                Columns = ColumnsJson(Header, f),
            });
        }

        return rows;
    }

    /// <summary>The export period <c>yyyyMMdd-yyyyMMdd</c> from the billing-period columns, else the span of usage dates.</summary>
    public string PeriodFromData()
    {
        var c = Columns;
        DateOnly? start = null, end = null;
        foreach (var (_, f, _) in Lines)
        {
            var s = DateOf(Text(f, c.PeriodStart)) ?? DateOf(Text(f, c.Date));
            var e = DateOf(Text(f, c.PeriodEnd)) ?? DateOf(Text(f, c.Date));
            if (s is { } sv && (start is null || sv < start))
            {
                start = sv;
            }

            if (e is { } ev && (end is null || ev > end))
            {
                end = ev;
            }
        }

        // FOCUS billing periods are half-open ([start, end)); Cost Management's are inclusive.
        if (c.Format == BillingFormats.Focus && c.PeriodEnd >= 0 && end is { } x && start is { } y && x > y)
        {
            end = x.AddDays(-1);
        }

        return start is null || end is null ? "unknown" : $"{start:yyyyMMdd}-{end:yyyyMMdd}";
    }

    /// <summary>The billing account of the file (first non-empty), or empty.</summary>
    public string BillingAccount() => Lines.Select(l => Text(l.Fields, Columns.BillingAccount)).FirstOrDefault(s => s is not null) ?? "";

    private decimal? Amount(string[] fields, int column, int row)
    {
        var text = Text(fields, column);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors.Add((row, Header[column], $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not a number"));
        return null;
    }

    private static string? Text(string[] fields, int column)
    {
        if (column < 0 || column >= fields.Length)
        {
            return null;
        }

        var s = fields[column];
        return s.Length == 0 || s == "NULL" ? null : s;
    }

    private static DateOnly? DateOf(string? text) =>
        text is not null && DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? DateOnly.FromDateTime(d)
            : null;

    private static string? ResourceGroupOf(string resourceId)
    {
        var m = ResourceGroupPattern().Match(resourceId);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>Tags as a JSON object: FOCUS and MCA write JSON; EA writes the members without braces.</summary>
    internal static string TagsJson(string? tags)
    {
        if (tags is null)
        {
            return "{}";
        }

        foreach (var candidate in new[] { tags, "{" + tags + "}" })
        {
            try
            {
                using var doc = JsonDocument.Parse(candidate);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return JsonSerializer.Serialize(doc.RootElement);
                }
            }
            catch (JsonException)
            {
                // Try the next form; unparseable tags are kept verbatim below.
            }
        }

        return JsonSerializer.Serialize(new Dictionary<string, string> { ["_unparsed"] = tags });
    }

    private static string ColumnsJson(string[] header, string[] fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < header.Length; i++)
            {
                writer.WriteString(header[i], i < fields.Length ? fields[i] : "");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Decode(string file, byte[] content, long maxBytes)
    {
        byte[] bytes = content;
        if (content.Length >= 2 && content[0] == 0x1F && content[1] == 0x8B)
        {
            using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[81920];
            try
            {
                int read;
                while ((read = gzip.Read(chunk)) > 0)
                {
                    if (output.Length + read > maxBytes)
                    {
                        throw new IngestionException("billing.too_large", $"the file decompresses to more than {maxBytes} bytes", file, offset: output.Length);
                    }

                    output.Write(chunk, 0, read);
                }
            }
            catch (InvalidDataException e)
            {
                throw new IngestionException("billing.corrupt_gzip", "the gzip stream is corrupt: " + e.Message, file, offset: output.Length, inner: e);
            }

            bytes = output.ToArray();
        }
        else if (content.Length > maxBytes)
        {
            throw new IngestionException("billing.too_large", $"the file is larger than {maxBytes} bytes", file);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw new IngestionException("billing.invalid_utf8", "the file is not valid UTF-8", file, offset: e.Index, inner: e);
        }
    }

    [GeneratedRegex("/resourceGroups/([^/]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResourceGroupPattern();
}
