using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExcelDataReader;

namespace Obrador.Functions.Tests.Ingestion;

public sealed class UploadsApiTests
{
    private static MultipartFormDataContent Form(string csv, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "ventas.csv");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    [Fact]
    public async Task PostUpload_ValidCsv_CreatedThenReadableThenSoftDeleted()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var response = await host.Client.PostAsync("/api/uploads", Form("fecha;tienda;producto;unidades\n01/09/2026;t1;pan;10\n"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        Assert.Equal("accepted", created.GetProperty("state").GetString());
        Assert.Equal($"/api/uploads/{id}", response.Headers.Location?.OriginalString);

        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/uploads/{id}");
        Assert.Equal(1, status.GetProperty("accepted").GetInt32());

        var deleted = await host.Client.DeleteAsync($"/api/uploads/{id}");
        Assert.Equal("deleted", (await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.DeleteAsync("/api/uploads/0123456789abcdef0123456789abcdef")).StatusCode);
    }

    [Fact]
    public async Task PostUpload_InvalidRows_ErrorsCsvHasErrorColumn()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var response = await host.Client.PostAsync("/api/uploads", Form("date,store,product,units\n2026-09-01,t1,p1,-4\n"));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var csv = await host.Client.GetStringAsync($"/api/uploads/{id}/errors.csv");

        Assert.StartsWith("date,store,product,units,error\n2026-09-01,t1,p1,-4,", csv, StringComparison.Ordinal);
        Assert.Contains("units must not be negative", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostUpload_UnmappableHeader_ErrorsCsvAnswersNamingColumns()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var response = await host.Client.PostAsync("/api/uploads", Form("when,where\n2026-09-01,t1\n"));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var csv = await host.Client.GetStringAsync($"/api/uploads/{id}/errors.csv");

        Assert.StartsWith("when,where,error\n,,\"row 0, header: required column 'date' not found (headers: when, where)", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duplicates", "sometimes")]
    [InlineData("threshold", "2")]
    [InlineData("threshold", "NaN")]
    [InlineData("threshold", "Infinity")]
    [InlineData("mapping", "[1,2]")]
    [InlineData("mapping", "{\"date\":null}")]
    [InlineData("mapping", "{\"date\":\" \"}")]
    public async Task PostUpload_BadOption_Returns400NamingField(string field, string value)
    {
        await using var host = await IngestionTestHost.StartAsync();
        var response = await host.Client.PostAsync("/api/uploads", Form("date,store,product,units\n2026-09-01,t1,p1,1\n", (field, value)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Store.Paths);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task PostUpload_Preview_ReturnsMappingAndStoresNothing()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var response = await host.Client.PostAsync("/api/uploads", Form("Fecha,Tienda,Artículo,Cantidad\n2026-09-01,t1,p1,2\n", ("preview", "true")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Artículo", status.GetProperty("mapping").GetProperty("product").GetString());
        Assert.Equal("p1", status.GetProperty("preview")[0].GetProperty("product").GetString());
        Assert.Empty(host.Store.Paths);
    }

    [Fact]
    public async Task GetTemplate_CsvFormatsPart_OneRowPerColumnReadableByACsvParser()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var response = await host.Client.GetAsync("/api/uploads/template?format=csv&part=formats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);

        using var reader = new CsvHelper.CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(reader.Parser.Record!);
        }

        Assert.Equal(["column", "required", "format", "also recognised as"], rows[0]);
        Assert.Equal(["date", "store", "product", "units", "revenue", "unit_price", "promo", "closed"], rows.Skip(1).Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal(4, r.Length));
        Assert.Equal(["date", "yes", "yyyy-MM-dd, dd/MM/yyyy or an Excel date; not in the future", "fecha, día, ds"], rows[1]);
        var badPart = await host.Client.GetAsync("/api/uploads/template?format=xlsx&part=formats");
        Assert.Equal(HttpStatusCode.BadRequest, badPart.StatusCode);
        Assert.Equal("part", (await badPart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task GetTemplate_Xlsx_IsReadableWorkbookWithFormatsSheet()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var bytes = await host.Client.GetByteArrayAsync("/api/uploads/template?format=xlsx");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(bytes));
        Assert.Equal("sales", reader.Name);
        Assert.True(reader.Read());
        Assert.Equal("date", reader.GetValue(0));
        Assert.True(reader.Read());
        Assert.Equal(120.0, reader.GetValue(3));
        Assert.True(reader.NextResult());
        Assert.Equal("formats", reader.Name);
        var csv = await host.Client.GetStringAsync("/api/uploads/template");
        Assert.StartsWith("date,store,product,units,revenue,unit_price,promo,closed\n", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync("/api/uploads/template?format=pdf")).StatusCode);
    }

    [Fact]
    public async Task PostUpload_TruncatedXlsx_IsCreatedAsRejectedWithReason_AndKeepsTheOriginal()
    {
        await using var host = await IngestionTestHost.StartAsync();
        using var workbook = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(workbook, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string content)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }

            Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="v" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            Add("xl/worksheets/sheet1.xml", """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c></row><row r="2"><c""");
        }

        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(workbook.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "ventas.xlsx");

        var response = await host.Client.PostAsync("/api/uploads", form);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("rejected", status.GetProperty("state").GetString());
        Assert.StartsWith("upload.bad_xlsx:", status.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(status.GetProperty("originalPath").GetString(), host.Store.Paths);
    }
}
