using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Obrador.Ingestion.Uploads;

/// <summary>
/// The upload templates served by <c>GET /api/uploads/template</c>: the expected columns, two example rows, and each
/// column's format (in the XLSX a second sheet; for CSV, which holds one table, a companion file).
/// </summary>
public static class UploadTemplate
{
    private static readonly string[][] Examples =
    [
        ["2026-09-01", "store-01", "baguette", "120", "132.00", "1.10", "false", "false"],
        ["2026-09-02", "store-01", "croissant", "85.5", "106.88", "1.25", "true", "false"],
    ];

    /// <summary>Name of the template workbook's second sheet, which lists the formats (an upload's reader ignores it).</summary>
    public const string FormatsSheet = "formats";

    private static readonly string[][] Formats =
    [
        ["column", "required", "format", "also recognised as"],
        ["date", "yes", "yyyy-MM-dd, dd/MM/yyyy or an Excel date; not in the future", "fecha, día, ds"],
        ["store", "yes", "id: 1-64 of A-Z a-z 0-9 . _ : -", "tienda, local, sucursal"],
        ["product", "yes", "id: 1-64 of A-Z a-z 0-9 . _ : -", "producto, artículo, sku, item"],
        ["units", "yes", "number ≥ 0, decimal point or comma", "cantidad, unidades, qty"],
        ["revenue", "no", "number ≥ 0", "importe, ventas, ingresos"],
        ["unit_price", "no", "number ≥ 0", "precio, precio_unitario, pvp"],
        ["promo", "no", "true/false, 1/0, yes/no, sí/no", "promoción, oferta"],
        ["closed", "no", "true/false, 1/0, yes/no, sí/no", "cerrado"],
    ];

    /// <summary>UTF-8 CSV (comma separated): header and example rows.</summary>
    public static byte[] Csv()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', SalesColumns.Fields).Append('\n');
        foreach (var row in Examples)
        {
            sb.AppendJoin(',', row).Append('\n');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>
    /// UTF-8 CSV (comma separated, RFC 4180 quoting) of the expected formats, one row per column: <c>column</c>,
    /// <c>required</c> (yes/no), <c>format</c>, <c>also recognised as</c>; the same table as the XLSX <c>formats</c> sheet.
    /// </summary>
    public static byte[] FormatsCsv()
    {
        static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
        var sb = new StringBuilder();
        foreach (var row in Formats)
        {
            sb.AppendJoin(',', row.Select(Quote)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>An XLSX workbook (ECMA-376 SpreadsheetML): sheet <c>sales</c> (header, examples; numbers as numbers, dates as text) and sheet <c>formats</c>.</summary>
    public static byte[] Xlsx()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Add(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"sales\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"" + FormatsSheet + "\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>");
            Add(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/></Relationships>");
            Add(zip, "xl/worksheets/sheet1.xml", Sheet([[.. SalesColumns.Fields], .. Examples], numericColumns: [3, 4, 5]));
            Add(zip, "xl/worksheets/sheet2.xml", Sheet(Formats, numericColumns: []));
        }

        return output.ToArray();
    }

    private static string Sheet(IEnumerable<string[]> rows, int[] numericColumns)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        var r = 0;
        foreach (var row in rows)
        {
            r++;
            sb.Append(CultureInfo.InvariantCulture, $"<row r=\"{r}\">");
            for (var c = 0; c < row.Length; c++)
            {
                var cell = $"{(char)('A' + c)}{r}";
                sb.Append(r > 1 && numericColumns.Contains(c)
                    ? $"<c r=\"{cell}\"><v>{row[c]}</v></c>"
                    : $"<c r=\"{cell}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(row[c])}</t></is></c>");
            }

            sb.Append("</row>");
        }

        return sb.Append("</sheetData></worksheet>").ToString();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
