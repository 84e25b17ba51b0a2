using System.Globalization;
using System.IO.Compression;
using System.Text;
using ExcelDataReader;

namespace Obrador.Ingestion.Uploads;

/// <summary>An uploaded sheet: header cells and data rows (cells are strings from CSV; strings, doubles, booleans or DateTimes from XLSX).</summary>
/// <param name="Header">Header cells (row 0).</param>
/// <param name="Rows">Data rows, 1-based row number = index + 1.</param>
/// <param name="Format"><c>csv</c> or <c>xlsx</c>.</param>
internal sealed record UploadTable(string[] Header, List<object?[]> Rows, string Format)
{
    // ExcelDataReader decodes legacy code pages (1252) even for XLSX metadata.
    static UploadTable() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Each data row as received (the CSV line, same index as <see cref="Rows"/>), or null for XLSX.</summary>
    public IReadOnlyList<string>? RawRows { get; init; }

    /// <summary>Sheets after the first that hold data, which are not read (the template's <c>formats</c> sheet is not counted).</summary>
    public IReadOnlyList<string> IgnoredSheets { get; init; } = [];

    /// <summary>Rows the reader could not split cleanly (a CSV quoting fault), by 1-based row number; such a row is invalid whatever its cells hold.</summary>
    public IReadOnlyDictionary<int, UploadError> Faults { get; init; } = new Dictionary<int, UploadError>();

    /// <summary>Reads CSV (UTF-8 with or without BOM, comma/semicolon/tab detected, one line per row: see <see cref="UploadCsvReader"/>) or XLSX (detected by the ZIP signature).</summary>
    /// <exception cref="IngestionException">Empty, not UTF-8, a header line with a quoting fault, too many rows, a zip bomb or an unreadable workbook.</exception>
    public static UploadTable Read(string fileName, byte[] content, UploadOptions options)
    {
        if (content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4)
        {
            return ReadXlsx(fileName, content, options);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw new IngestionException("upload.invalid_utf8", "the file is neither UTF-8 CSV nor XLSX", fileName, offset: e.Index, inner: e);
        }

        var delimiter = UploadCsvReader.DetectDelimiter(text);
        string[]? header = null;
        var rows = new List<object?[]>();
        var raw = new List<string>();
        var faults = new Dictionary<int, UploadError>();
        foreach (var record in UploadCsvReader.Read(text, delimiter))
        {
            if (record.Cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (header is null)
            {
                if (record.Fault is { } headerFault)
                {
                    throw new IngestionException("upload.bad_header", "the header row cannot be read: " + headerFault.Message, fileName, row: 0, column: $"column {headerFault.Column + 1}");
                }

                header = [.. record.Cells.Select(h => h.Trim())];
                continue;
            }

            if (rows.Count >= options.MaxRows)
            {
                throw new IngestionException("upload.too_many_rows", $"the file has more than {options.MaxRows} rows", fileName, row: rows.Count + 1);
            }

            rows.Add([.. record.Cells]);
            raw.Add(record.Text);
            if (record.Fault is { } fault)
            {
                var column = fault.Column < header.Length && header[fault.Column].Length > 0 ? header[fault.Column] : $"column {fault.Column + 1}";
                faults[rows.Count] = new UploadError(rows.Count, column, fault.Message);
            }
        }

        if (header is null)
        {
            throw new IngestionException("upload.empty", "the file has no header row", fileName, row: 0);
        }

        return new UploadTable(header, rows, "csv") { Faults = faults, RawRows = raw };
    }

    private static UploadTable ReadXlsx(string fileName, byte[] content, UploadOptions options)
    {
        // Zip bomb guard before any part is inflated: declared sizes and ratios (ZipArchive also refuses entries that
        // inflate past their declared size).
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > options.MaxXlsxUncompressedBytes)
                {
                    throw new IngestionException("upload.xlsx_too_large", $"the workbook inflates to more than {options.MaxXlsxUncompressedBytes} bytes", fileName);
                }

                if (entry.CompressedLength > 0 && (double)entry.Length / entry.CompressedLength > options.MaxXlsxCompressionRatio)
                {
                    throw new IngestionException("upload.xlsx_suspicious", $"part '{entry.FullName}' has a compression ratio over {options.MaxXlsxCompressionRatio}: refused as a possible zip bomb", fileName);
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new IngestionException("upload.bad_xlsx", "the file starts like a ZIP/XLSX but is not a readable archive: " + e.Message, fileName, inner: e);
        }

        try
        {
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(content));
            bool blank;
            do
            {
                if (!reader.Read())
                {
                    throw new IngestionException("upload.empty", "the first sheet is empty", fileName, row: 0);
                }

                // Blank rows above the header are skipped, as blank lines are in CSV.
                blank = Enumerable.Range(0, reader.FieldCount).All(i => reader.GetValue(i) is null || (reader.GetValue(i) is string t && string.IsNullOrWhiteSpace(t)));
            }
            while (blank);

            var header = Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)?.Trim() ?? "").ToArray();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var cells = new object?[header.Length];
                var any = false;
                for (var i = 0; i < header.Length && i < reader.FieldCount; i++)
                {
                    cells[i] = reader.GetValue(i);
                    any |= cells[i] is not (null or "");
                }

                if (!any)
                {
                    continue;
                }

                if (rows.Count >= options.MaxRows)
                {
                    throw new IngestionException("upload.too_many_rows", $"the sheet has more than {options.MaxRows} rows", fileName, row: rows.Count + 1);
                }

                rows.Add(cells);
            }

            var ignored = new List<string>();
            while (reader.NextResult())
            {
                var name = reader.Name ?? "";
                if (!name.Equals(UploadTemplate.FormatsSheet, StringComparison.OrdinalIgnoreCase) && HasData(reader))
                {
                    ignored.Add(name);
                }
            }

            return new UploadTable(header, rows, "xlsx") { IgnoredSheets = ignored };
        }
        catch (Exception e) when (e is not (IngestionException or OperationCanceledException or OutOfMemoryException))
        {
            // Whatever a damaged or hostile workbook makes the reader throw (XmlException on a truncated part,
            // FormatException, InvalidCastException…) is a rejected file, never a crash.
            throw new IngestionException("upload.bad_xlsx", "the workbook cannot be read: " + e.Message, fileName, inner: e);
        }
    }

    private static bool HasData(IExcelDataReader reader)
    {
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (reader.GetValue(i) is not (null or ""))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
