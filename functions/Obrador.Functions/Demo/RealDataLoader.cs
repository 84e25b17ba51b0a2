using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Obrador.Functions.Demo;

/// <summary>
/// Loads the real public datasets of <c>../shared/data</c> (see its README for sources and licences) into the demo's
/// shapes: the French bakery's daily sales (units = revenue / unit price) as a historical upload, Online Retail
/// purchases and Bread Basket till tickets as events, and the FOCUS sample and EA exports as billing files.
/// </summary>
/// <remarks>Ids are made contract-safe (<c>[A-Za-z0-9._:-]</c>, at most 64 chars): other characters become <c>-</c>.</remarks>
public static class RealDataLoader
{
    /// <summary>True when <paramref name="dataDir"/> holds the datasets the demo needs.</summary>
    public static bool IsPresent(string dataDir) =>
        File.Exists(Path.Combine(dataDir, "bakery-fr", "daily_sales_french_bakery.csv"));

    /// <summary>Loads the datasets.</summary>
    /// <param name="dataDir">The folder holding <c>bakery-fr/</c>, <c>online-retail/</c>, <c>bread-basket/</c>, <c>focus-sample/</c>, <c>finops-toolkit/</c>.</param>
    /// <exception cref="FileNotFoundException">The bakery sales file is missing.</exception>
    public static SampleData Load(string dataDir)
    {
        var sales = LoadBakery(Path.Combine(dataDir, "bakery-fr", "daily_sales_french_bakery.csv"));
        var (events, catalog) = LoadOnlineRetail(Path.Combine(dataDir, "online-retail", "online_retail_first10000_clean.csv"));
        events.AddRange(LoadBreadBasket(Path.Combine(dataDir, "bread-basket", "BreadBasket_DMS.csv")));
        events.Sort((a, b) => a.At.CompareTo(b.At));
        var billing = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        AddIfExists(billing, Path.Combine(dataDir, "focus-sample", "focus_sample.csv"), "billing-exports/focus/202409/focus_sample.csv");
        AddIfExists(billing, Path.Combine(dataDir, "finops-toolkit", "cost-exports", "EA_ActualCost_Small.csv"), "billing-exports/ea/actual/EA_ActualCost_Small.csv");
        AddIfExists(billing, Path.Combine(dataDir, "finops-toolkit", "cost-exports", "EA_AmortizedCost_Small.csv"), "billing-exports/ea/amortized/EA_AmortizedCost_Small.csv");
        var top = sales.GroupBy(s => s.Product).OrderByDescending(g => g.Sum(s => s.Units)).First().Key;
        return new SampleData(
            "real: bakery-fr (daily sales), online-retail (purchases), bread-basket (till tickets), focus-sample + finops-toolkit EA exports (billing)",
            sales,
            events,
            catalog,
            billing,
            new SampleFacts("FR-BAKERY", top, null, null));
    }

    /// <summary>Makes a contract-safe id.</summary>
    public static string ToId(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var sb = new StringBuilder(Math.Min(raw.Length, 64));
        foreach (var c in raw.Trim())
        {
            if (sb.Length == 64)
            {
                break;
            }

            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-' ? c : '-');
        }

        return sb.Length == 0 ? "unknown" : sb.ToString();
    }

    private static List<SalesRow> LoadBakery(string path)
    {
        var rows = new List<SalesRow>();
        foreach (var r in ReadCsv(path))
        {
            var revenue = decimal.Parse(r["y"], CultureInfo.InvariantCulture);
            var price = decimal.Parse(r["unit_price"], CultureInfo.InvariantCulture);
            var units = price > 0 ? decimal.Round(revenue / price, 3) : 0;
            rows.Add(new SalesRow(DateOnly.ParseExact(r["ds"], "yyyy-MM-dd", CultureInfo.InvariantCulture), "FR-BAKERY", ToId(r["unique_id"]), units, price, false));
        }

        return rows;
    }

    private static (List<ShopEvent> Events, List<CatalogItem> Catalog) LoadOnlineRetail(string path)
    {
        var events = new List<ShopEvent>();
        var catalog = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return (events, []);
        }

        foreach (var r in ReadCsv(path))
        {
            var customer = r["CustomerID"];
            if (string.IsNullOrWhiteSpace(customer) || r["InvoiceNo"].StartsWith('C'))
            {
                continue;
            }

            var item = ToId(r["StockCode"]);
            var price = decimal.Parse(r["UnitPrice"], CultureInfo.InvariantCulture);
            var qty = decimal.Parse(r["Quantity"], CultureInfo.InvariantCulture);
            var at = DateTimeOffset.ParseExact(r["InvoiceDate"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var user = "C" + ToId(customer.Split('.')[0]);
            events.Add(new ShopEvent("purchase", at, user, item, qty, price, "INV" + ToId(r["InvoiceNo"])));
            catalog.TryAdd(item, new CatalogItem(item, r["Description"].Trim(), "gift", price));
        }

        return (events, catalog.Values.ToList());
    }

    private static IEnumerable<ShopEvent> LoadBreadBasket(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var r in ReadCsv(path))
        {
            if (r["Item"] == "NONE")
            {
                continue;
            }

            var at = DateTimeOffset.ParseExact($"{r["Date"]} {r["Time"]}", "dd-MM-yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            yield return new ShopEvent("pos_sale", at, null, ToId(r["Item"]), 1, null, "T" + r["Transaction"], "EDI-01");
        }
    }

    private static void AddIfExists(Dictionary<string, byte[]> files, string path, string blobName)
    {
        if (File.Exists(path))
        {
            files[blobName] = File.ReadAllBytes(path);
        }
    }

    private static IEnumerable<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = csv.GetField(i) ?? string.Empty;
            }

            yield return row;
        }
    }
}
