using System.IO.Compression;
using System.Text;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Tests.Support;
using Obrador.Ingestion.Uploads;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Uploads;

/// <summary>
/// Uploads under partial failures and awkward input: store failures, retried deletes, id case, XLSX layouts and damage,
/// threshold boundaries, previews and the quarantine's raw rows (each found by a review of the upload door).
/// </summary>
public sealed class UploadProcessorFailureTests
{
    private const string Header4 = "date,store,product,units\n";

    [Fact]
    public async Task Duplicates_IdsDifferingInCaseOrSpaces_AreTheSameKey_InTheLakeAndInTheFile()
    {
        var rig = UploadProcessorTests.Create();
        var first = await rig.Processor.ProcessAsync(UploadProcessorTests.Csv(Header4 + "2026-09-01,T01,P1,3\n"));

        var again = await rig.Processor.ProcessAsync(UploadProcessorTests.Csv(Header4 + "2026-09-01,t01,p1,5\n2026-09-02,t01,p1,4\n2026-09-02,T01,P1,4\n", threshold: 0.7));

        Assert.Equal("accepted", first.State);
        Assert.Equal(("accepted", 1, 2), (again.State, again.NewRows, again.Invalid));
        Assert.Equal([1, 3], again.Errors.Select(e => e.Row));
        Assert.Contains("already in the lake", again.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("already appears at row 2", again.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XlsxDateCell_InErrorsCsvAndPreview_ReadsBackAsTheSameDay()
    {
        var rig = UploadProcessorTests.Create();

        // Serial 46056 is 2026-02-03; the second row fails (units "x"), so it is written to errors.csv.
        var xlsx = Workbook([Sheet(HeaderRow() + DataRow(2, 46055, "t1", "1") + DataRow(3, 46056, "t1", "x"))]);
        var status = await rig.Processor.ProcessAsync(new UploadRequest("h.xlsx", xlsx, "a", ErrorThreshold: 1.0));
        var line = (await rig.Processor.GetErrorsCsvAsync(status.Id))!.Split('\n')[1].Split(',');
        var fixedRow = await rig.Processor.ProcessAsync(UploadProcessorTests.Csv(Header4 + $"{line[0]},{line[1]},{line[2]},4\n"));

        Assert.Equal(("accepted", "2026-02-02"), (status.State, status.Preview[0]["date"]));
        Assert.Equal("2026-02-03", line[0]);
        Assert.Equal(new DateOnly(2026, 2, 3), Assert.Single(await rig.Writer.ReadAsync<BronzeSale>(fixedRow.BronzePath!)).Date);
    }

    [Fact]
    public async Task Xlsx1904DateSystem_ReadsTheSameDay()
    {
        var rig = UploadProcessorTests.Create();
        var xlsx = Workbook([Sheet(HeaderRow() + DataRow(2, 46056 - 1462, "t1", "1"))], date1904: true);

        var status = await rig.Processor.ProcessAsync(new UploadRequest("h.xlsx", xlsx, "a"));

        Assert.Equal(new DateOnly(2026, 2, 3), Assert.Single(await rig.Writer.ReadAsync<BronzeSale>(status.BronzePath!)).Date);
    }

    [Fact]
    public async Task XlsxWithTruncatedSheetXml_IsRejectedNamingTheWorkbook_AndKeepsTheOriginal()
    {
        var rig = UploadProcessorTests.Create();
        var xlsx = Workbook([Sheet(HeaderRow() + DataRow(2, 46056, "t1", "1")).Replace("</sheetData></worksheet>", "<row r=\"3\"><c r=\"A3\"><v>1</v></c", StringComparison.Ordinal)]);

        var status = await rig.Processor.ProcessAsync(new UploadRequest("h.xlsx", xlsx, "a"));

        Assert.Equal("rejected", status.State);
        var error = Assert.Single(status.Errors);
        Assert.Equal("file", error.Column);
        Assert.StartsWith("upload.bad_xlsx: the workbook cannot be read", error.Message, StringComparison.Ordinal);
        Assert.Contains(status.OriginalPath!, rig.Store.Paths);
        Assert.DoesNotContain(rig.Store.Paths, p => p.StartsWith("bronze/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task XlsxWhoseZipUnderstatesItsSheetSize_IsRejectedNotThrown()
    {
        var rig = UploadProcessorTests.Create();
        var rows = new StringBuilder(HeaderRow());
        for (var r = 2; r < 1_500_000; r++)
        {
            rows.Append("<row/>");
        }

        // ~9 MB of sheet XML declared as 4 KB: the bomb guard passes, the reader is cut off at 4 KB.
        var xlsx = UnderstateSize(Workbook([Sheet(rows.ToString())]), "xl/worksheets/sheet1.xml", 4096);

        var status = await rig.Processor.ProcessAsync(new UploadRequest("bomb.xlsx", xlsx, "a"));

        Assert.Equal("rejected", status.State);
        Assert.Equal("file", Assert.Single(status.Errors).Column);
    }

    [Fact]
    public async Task XlsxHeaderBelowBlankRows_IsFound()
    {
        var rig = UploadProcessorTests.Create();
        var xlsx = Workbook([Sheet(HeaderRow(3) + DataRow(4, 46055, "t1", "1"))]);

        var status = await rig.Processor.ProcessAsync(new UploadRequest("h.xlsx", xlsx, "a"));

        Assert.Equal(("accepted", 1), (status.State, status.Accepted));
    }

    [Fact]
    public async Task XlsxOtherSheetsWithData_AreNamedInTheMessage_TheTemplatesFormatsSheetIsNot()
    {
        var rig = UploadProcessorTests.Create();
        var xlsx = Workbook([Sheet(HeaderRow() + DataRow(2, 46055, "t1", "1")), Sheet(""), Sheet(HeaderRow() + DataRow(2, 46056, "t2", "1"))]);

        var status = await rig.Processor.ProcessAsync(new UploadRequest("h.xlsx", xlsx, "a"));
        var template = await rig.Processor.ProcessAsync(new UploadRequest("template.xlsx", UploadTemplate.Xlsx(), "a", PreviewOnly: true));

        Assert.Equal(("accepted", 1), (status.State, status.Rows));
        Assert.EndsWith("only the first sheet is read: 's3' also hold data, which was not read", status.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sheet", template.Message ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Threshold_InvalidShareExactlyAtAnyTwoDecimalThreshold_IsAccepted_OneMoreIsRejected()
    {
        var failures = new List<string>();
        for (var percent = 1; percent < 100; percent++)
        {
            foreach (var invalid in new[] { percent, percent + 1 })
            {
                var rig = UploadProcessorTests.Create();
                var csv = Header4 + string.Concat(Enumerable.Range(1, 100).Select(i => $"2026-09-01,t1,p{i},{(i <= invalid ? "-1" : "1")}\n"));
                var status = await rig.Processor.ProcessAsync(UploadProcessorTests.Csv(csv, threshold: percent / 100.0));
                var expected = invalid == percent ? "accepted" : "rejected";
                if (status.State != expected || status.Invalid != invalid)
                {
                    failures.Add($"threshold {percent / 100.0}, {invalid} invalid of 100: {status.State}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("a,b,c\n1,2,3\n")]
    [InlineData("")]
    public async Task Preview_OfAFileThatCannotBeMapped_StoresNothing(string text)
    {
        var rig = UploadProcessorTests.Create();

        var status = await rig.Processor.ProcessAsync(new UploadRequest("x.csv", Encoding.UTF8.GetBytes(text), "a", PreviewOnly: true));

        Assert.Equal("preview", status.State);
        Assert.NotEmpty(status.Errors);
        Assert.Empty(rig.Store.Paths);
    }

    [Theory]
    [InlineData("quarantine/")]
    [InlineData("uploads/")]
    public async Task StoreFailure_LeavesNothingInBronze_AndTheRetryIsAccepted(string failingPrefix)
    {
        var inner = new InMemoryObjectStore();
        var store = new FailingObjectStore(inner, failingPrefix + (failingPrefix == "uploads/" ? "*status.json" : "*"));
        var processor = UploadProcessorTests.Processor(store, new InMemoryTableStore());
        var csv = UploadProcessorTests.Csv(Header4 + string.Concat(Enumerable.Range(1, 150).Select(i => $"2026-09-01,t1,p{i},{(i == 1 ? "-1" : "1")}\n")));

        await Assert.ThrowsAsync<StorageException>(() => processor.ProcessAsync(csv));
        var leftInBronze = inner.Paths.Where(p => p.StartsWith("bronze/", StringComparison.Ordinal)).ToList();
        store.Armed = false;
        var retry = await processor.ProcessAsync(csv);

        Assert.Empty(leftInBronze);
        Assert.Equal(("accepted", 149, 1), (retry.State, retry.Accepted, retry.Invalid));
    }

    [Fact]
    public async Task Delete_WhoseAuditWriteFailed_IsAuditedOnceByItsRetry()
    {
        var inner = new InMemoryTableStore();
        var tables = new FailingTables(inner) { Armed = false };
        var processor = UploadProcessorTests.Processor(new InMemoryObjectStore(), tables);
        var upload = await processor.ProcessAsync(UploadProcessorTests.Csv(Header4 + "2026-09-01,t1,p1,3\n"));

        tables.Armed = true;
        await Assert.ThrowsAsync<StorageException>(() => processor.DeleteAsync(upload.Id, "boss"));
        var afterFailure = await processor.GetAsync(upload.Id);
        tables.Armed = false;
        var deleted = await processor.DeleteAsync(upload.Id, "boss");
        var again = await processor.DeleteAsync(upload.Id, "boss");

        Assert.Equal("accepted", afterFailure!.State);
        Assert.Equal(("deleted", "deleted"), (deleted!.State, again!.State));
        var audit = Assert.Single(inner.All(ServingTables.Audit));
        Assert.Equal(("upload.deleted", upload.Id, "boss"), (audit.GetString("Kind"), audit.GetString("UploadId"), audit.GetString("Actor")));
    }

    [Fact]
    public async Task QuarantineRaw_IsTheLineAsReceived_ForCsv_AndQuotedCellsForXlsx()
    {
        var rig = UploadProcessorTests.Create();
        var csv = "fecha;tienda;producto;cantidad;importe\n01/09/2026;t01;baguette;-120;132,00\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"01/09/2026;t01;p{i};1;1,50\n"));
        var xlsx = Workbook([Sheet(HeaderRow() + DataRow(2, 46055, "a,b", "1") + DataRow(3, 46055, "t9", "1"))]);

        var fromCsv = await rig.Processor.ProcessAsync(UploadProcessorTests.Csv(csv, threshold: 0.5));
        var fromXlsx = await rig.Processor.ProcessAsync(new UploadRequest("h.xlsx", xlsx, "a", ErrorThreshold: 0.5));

        Assert.Equal("01/09/2026;t01;baguette;-120;132,00", Assert.Single(await Quarantined(rig, fromCsv.Id)).Raw);
        Assert.Equal("2026-02-02,\"a,b\",p1,1", Assert.Single(await Quarantined(rig, fromXlsx.Id)).Raw);
    }

    private static async Task<IReadOnlyList<QuarantineRecord>> Quarantined(UploadProcessorTests.Rig rig, string id) =>
        await rig.Writer.ReadAsync<QuarantineRecord>(rig.Store.Paths.Single(p => p.StartsWith("quarantine/sales/", StringComparison.Ordinal) && p.Contains(id, StringComparison.Ordinal)));

    // A workbook with a styles part (cell format 1 = built-in date format 14), sheets s1…sN given as raw XML.
    private static byte[] Workbook(string[] sheets, bool date1904 = false)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var overrides = string.Concat(sheets.Select((_, i) => $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
            Add(zip, "[Content_Types].xml", $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>""");
            Add(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            var sheetList = string.Concat(sheets.Select((_, i) => $"<sheet name=\"s{i + 1}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>"));
            var properties = date1904 ? "<workbookPr date1904=\"1\"/>" : "";
            Add(zip, "xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{properties}<sheets>{sheetList}</sheets></workbook>""");
            var rels = string.Concat(sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"));
            Add(zip, "xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
            Add(zip, "xl/styles.xml", """<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""");
            for (var i = 0; i < sheets.Length; i++)
            {
                Add(zip, $"xl/worksheets/sheet{i + 1}.xml", sheets[i]);
            }
        }

        return output.ToArray();
    }

    private static string Sheet(string rows) => $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>""";

    private static string HeaderRow(int r = 1) =>
        $"<row r=\"{r}\">" + string.Concat(new[] { "date", "store", "product", "units" }.Select((h, i) => $"<c r=\"{(char)('A' + i)}{r}\" t=\"inlineStr\"><is><t>{h}</t></is></c>")) + "</row>";

    private static string DataRow(int r, double serial, string store, string units) =>
        $"<row r=\"{r}\"><c r=\"A{r}\" s=\"1\"><v>{serial}</v></c><c r=\"B{r}\" t=\"inlineStr\"><is><t>{store}</t></is></c><c r=\"C{r}\" t=\"inlineStr\"><is><t>p1</t></is></c>"
        + (double.TryParse(units, out _) ? $"<c r=\"D{r}\"><v>{units}</v></c>" : $"<c r=\"D{r}\" t=\"inlineStr\"><is><t>{units}</t></is></c>") + "</row>";

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    // Rewrites the uncompressed size of one entry in its local and central headers (APPNOTE.TXT 4.3.7, 4.3.12).
    private static byte[] UnderstateSize(byte[] zip, string name, uint size)
    {
        var n = Encoding.ASCII.GetBytes(name);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4 && BitConverter.ToUInt16(zip, i + 26) == n.Length && zip.AsSpan(i + 30, n.Length).SequenceEqual(n))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), size);
            }

            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2 && BitConverter.ToUInt16(zip, i + 28) == n.Length && zip.AsSpan(i + 46, n.Length).SequenceEqual(n))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), size);
            }
        }

        return zip;
    }

    private sealed class FailingTables(ITableStore inner) : DelegatingTableStore(inner)
    {
        public bool Armed { get; set; } = true;

        public override Task<string> UpsertAsync(string table, TableEntity entity, UpsertMode mode = UpsertMode.Merge, CancellationToken cancellationToken = default) =>
            Armed ? throw new StorageException(StorageErrorKind.Unavailable, table, "injected") : base.UpsertAsync(table, entity, mode, cancellationToken);
    }
}
