using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
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

    /// <summary>Reads CSV (UTF-8 with or without BOM, comma/semicolon/tab detected) or XLSX (detected by the ZIP signature).</summary>
    /// <exception cref="IngestionException">Empty, not UTF-8, too many rows, a zip bomb or an unreadable workbook.</exception>
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

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var parser = new CsvParser(new StringReader(text), config);
        if (!parser.Read())
        {
            throw new IngestionException("upload.empty", "the file has no header row", fileName, row: 0);
        }

        var header = parser.Record!.Select(h => h.Trim()).ToArray();
        var rows = new List<object?[]>();
        while (parser.Read())
        {
            var record = parser.Record!;
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count >= options.MaxRows)
            {
                throw new IngestionException("upload.too_many_rows", $"the file has more than {options.MaxRows} rows", fileName, row: rows.Count + 1);
            }

            rows.Add([.. record]);
        }

        return new UploadTable(header, rows, "csv");
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
            if (!reader.Read())
            {
                throw new IngestionException("upload.empty", "the first sheet is empty", fileName, row: 0);
            }

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

            return new UploadTable(header, rows, "xlsx");
        }
        catch (Exception e) when (e is InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException or IOException)
        {
            throw new IngestionException("upload.bad_xlsx", "the workbook cannot be read: " + e.Message, fileName, inner: e);
        }
    }
}
