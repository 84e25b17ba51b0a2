using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;

namespace Obrador.Ingestion.Uploads;

/// <summary>Validates mapped upload rows into <see cref="BronzeSale"/>s, one error per broken cell.</summary>
internal static class SalesRowValidator
{
    private const decimal FloatNoise = 0.000000001m;

    /// <summary>Validates every row; returns the valid sales (row number set) and the errors. A store, product and day
    /// already on an earlier row of the file (ids compared as <paramref name="ids"/> normalises them) is an error.</summary>
    public static (List<BronzeSale> Sales, List<UploadError> Errors) Validate(UploadTable table, Dictionary<string, int> map, DateOnly today, string uploadId, long version, IdNormalizer ids)
    {
        var sales = new List<BronzeSale>(table.Rows.Count);
        var errors = new List<UploadError>();
        var firstRowOf = new Dictionary<(string, string, DateOnly), int>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = i + 1;
            var cells = table.Rows[i];
            if (table.Faults.TryGetValue(row, out var fault))
            {
                // The cells of a badly quoted line are not what the analyst meant; the quoting fault is the one error.
                errors.Add(fault);
                continue;
            }

            object? Cell(string field) => map.TryGetValue(field, out var c) && c < cells.Length ? cells[c] : null;
            var before = errors.Count;
            void Error(string field, string message) => errors.Add(new UploadError(row, Header(table, map, field), message));

            DateOnly date = default;
            if (Cell("date") is not { } rawDate || CellParser.Text(rawDate) is null)
            {
                Error("date", "date is required");
            }
            else if (!CellParser.TryDate(rawDate, out date))
            {
                Error("date", $"'{CellParser.Text(rawDate)}' is not a date (use yyyy-MM-dd, dd/MM/yyyy or an Excel date)");
            }
            else if (date > today)
            {
                Error("date", $"{date:yyyy-MM-dd} is in the future");
            }
            else if (date.Year < 2000)
            {
                Error("date", $"{date:yyyy-MM-dd} is before 2000");
            }

            var store = Id(CellParser.Text(Cell("store")), "store", Error);
            var product = Id(CellParser.Text(Cell("product")), "product", Error);
            var units = Amount(Cell("units"), "units", required: true, Error);
            var revenue = Amount(Cell("revenue"), "revenue", required: false, Error);
            var price = Amount(Cell("unit_price"), "unit_price", required: false, Error);
            var promo = Flag(Cell("promo"), "promo", Error);
            var closed = Flag(Cell("closed"), "closed", Error);
            if (errors.Count > before)
            {
                continue;
            }

            if (!firstRowOf.TryAdd((ids.Id(store)!, ids.Id(product)!, date), row))
            {
                Error("date", $"store {store}, product {product}, {date:yyyy-MM-dd} already appears at row {firstRowOf[(ids.Id(store)!, ids.Id(product)!, date)]}");
                continue;
            }

            sales.Add(new BronzeSale
            {
                UploadId = uploadId,
                UploadVersion = version,
                RowNumber = row,
                StoreId = store!,
                ProductId = product!,
                Date = date,
                Units = units!.Value,
                Revenue = revenue,
                UnitPrice = price,
                Promo = promo,
                Closed = closed,
            });
        }

        return (sales, errors);
    }

    private static string Header(UploadTable table, Dictionary<string, int> map, string field) =>
        map.TryGetValue(field, out var c) && c < table.Header.Length ? table.Header[c] : field;

    private static string? Id(string? text, string field, Action<string, string> error)
    {
        if (text is null)
        {
            error(field, $"{field} is required");
            return null;
        }

        if (text.Length > 64 || !EventParser.IsId(text))
        {
            error(field, $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not a valid {field} id (1-64 of A-Z a-z 0-9 . _ : -)");
            return null;
        }

        return text;
    }

    private static decimal? Amount(object? cell, string field, bool required, Action<string, string> error)
    {
        if (CellParser.Text(cell) is null)
        {
            if (required)
            {
                error(field, $"{field} is required");
            }

            return null;
        }

        if (!CellParser.TryDecimal(cell, out var v))
        {
            error(field, $"'{CellParser.Text(cell)}' is not a number");
            return null;
        }

        if (v < 0)
        {
            error(field, $"{field} must not be negative");
            return null;
        }

        if (v > 100_000_000m)
        {
            error(field, $"{field} {v} is implausibly large");
            return null;
        }

        // Bronze stores DECIMAL(18,4); more digits would be silently rounded, so they are refused, as events do. A
        // difference under 1e-9 is binary floating-point noise from the exporting tool (27.900000000000002), not data.
        var rounded = decimal.Round(v, 4);
        if (Math.Abs(rounded - v) > FloatNoise)
        {
            error(field, $"'{CellParser.Text(cell)}' has more than 4 decimal places");
            return null;
        }

        return rounded;
    }

    private static bool? Flag(object? cell, string field, Action<string, string> error)
    {
        if (CellParser.Text(cell) is null && cell is not bool)
        {
            return null;
        }

        if (!CellParser.TryBool(cell, out var b))
        {
            error(field, $"'{CellParser.Text(cell)}' is not yes/no");
            return null;
        }

        return b;
    }
}
