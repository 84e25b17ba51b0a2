using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Tests.Support;
using Obrador.Ingestion.Uploads;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Uploads;

public sealed class UploadProcessorTests
{
    internal sealed record Rig(UploadProcessor Processor, InMemoryObjectStore Store, InMemoryTableStore Tables, BronzeWriter Writer);

    internal static Rig Create(UploadOptions? options = null)
    {
        var store = new InMemoryObjectStore();
        var tables = new InMemoryTableStore();
        return new Rig(Processor(store, tables, options), store, tables, new BronzeWriter(store, ParquetRecordFormat.Instance));
    }

    /// <summary>A processor over the given stores, with seeded ids and the sample clock.</summary>
    internal static UploadProcessor Processor(IObjectStore store, ITableStore tables, UploadOptions? options = null)
    {
        var rng = new Random(7);
        return new UploadProcessor(new BronzeWriter(store, ParquetRecordFormat.Instance), tables, options ?? new UploadOptions(), new FixedTime(SampleEvents.Now), () =>
        {
            var bytes = new byte[16];
            rng.NextBytes(bytes);
            return new Guid(bytes);
        }, NullLogger<UploadProcessor>.Instance);
    }

    internal static UploadRequest Csv(string text, DuplicatePolicy policy = DuplicatePolicy.Reject, double? threshold = null, IReadOnlyDictionary<string, string>? mapping = null) =>
        new("ventas.csv", Encoding.UTF8.GetBytes(text), "analyst@obrador", mapping, policy, threshold);

    [Fact]
    public async Task Process_SpanishSemicolonCsvWithBom_AutoMapsAndStoresVersionedParquet()
    {
        var rig = Create();
        var csv = "\uFEFFFecha;Tienda;Producto;Cantidad;Importe;Promoción\n01/09/2026;t01;baguette;120;132,00;sí\n02/09/2026;t01;baguette;98,5;108,35;no\n";

        var status = await rig.Processor.ProcessAsync(Csv(csv));

        Assert.Equal("accepted", status.State);
        Assert.Equal(new Dictionary<string, string> { ["date"] = "Fecha", ["store"] = "Tienda", ["product"] = "Producto", ["units"] = "Cantidad", ["revenue"] = "Importe", ["promo"] = "Promoción" }, status.Mapping);
        Assert.Equal(2, status.Accepted);
        Assert.True(status.RecommendRetraining);
        var rows = await rig.Writer.ReadAsync<BronzeSale>(status.BronzePath!);
        Assert.Equal(new DateOnly(2026, 9, 2), rows[1].Date);
        Assert.Equal(98.5m, rows[1].Units);
        Assert.Equal(108.35m, rows[1].Revenue);
        Assert.Equal((true, false), (rows[0].Promo, rows[1].Promo));
        Assert.Equal(status.Id, (await rig.Processor.GetAsync(status.Id))!.Id);
    }

    [Fact]
    public async Task Process_XlsxWithExcelDates_Accepted()
    {
        var rig = Create();
        var xlsx = XlsxBuilder.Build([["date", "store", "product", "units"], [46266.0, "t02", "croissant", 40.0], ["2026-09-02", "t02", "croissant", 35.0]]);

        var status = await rig.Processor.ProcessAsync(new UploadRequest("hist.xlsx", xlsx, "analyst"));

        Assert.Equal(("accepted", "xlsx", 2), (status.State, status.Format, status.Accepted));
        var rows = await rig.Writer.ReadAsync<BronzeSale>(status.BronzePath!);
        Assert.Equal(new DateOnly(2026, 9, 1), rows[0].Date);
    }

    [Fact]
    public async Task Process_XlsxZipBomb_RejectedWithoutInflating()
    {
        var rig = Create(new UploadOptions { MaxXlsxUncompressedBytes = 8 << 20 });
        var status = await rig.Processor.ProcessAsync(new UploadRequest("bomb.xlsx", XlsxBuilder.Bomb(64L << 20), "analyst"));
        Assert.Equal("rejected", status.State);
        Assert.Contains("upload.xlsx", status.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_BadRowsOverThreshold_RejectedWithReportAndErrorsCsv()
    {
        var rig = Create();
        var csv = "date,store,product,units\n2026-09-01,t1,p1,3\n2026-09-02,t1,p1,-1\n2031-01-01,t1,p1,2\n2026-09-04,t/1,p1,x\n";

        var status = await rig.Processor.ProcessAsync(Csv(csv));

        Assert.Equal("rejected", status.State);
        Assert.Null(status.BronzePath);
        Assert.Equal(3, status.Invalid);
        Assert.Contains(status.Errors, e => e is { Row: 2, Column: "units" } && e.Message.Contains("negative", StringComparison.Ordinal));
        Assert.Contains(status.Errors, e => e is { Row: 3, Column: "date" } && e.Message.Contains("future", StringComparison.Ordinal));
        Assert.Contains(status.Errors, e => e is { Row: 4, Column: "store" });
        Assert.Contains(status.Errors, e => e is { Row: 4, Column: "units" });
        var errorsCsv = await rig.Processor.GetErrorsCsvAsync(status.Id);
        var lines = errorsCsv!.TrimEnd('\n').Split('\n');
        Assert.Equal("date,store,product,units,error", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("2026-09-04,t/1,p1,x,", lines[3], StringComparison.Ordinal);
        Assert.Single(rig.Store.Paths, p => p.StartsWith("quarantine/sales/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Process_ErrorsUnderThreshold_StoresValidRowsAndQuarantinesTheRest()
    {
        var rig = Create();
        var rows = string.Join("\n", Enumerable.Range(0, 200).Select(i => $"{new DateOnly(2026, 1, 1).AddDays(i):yyyy-MM-dd},t1,p1,{i}"));
        var status = await rig.Processor.ProcessAsync(Csv("date,store,product,units\n" + rows + "\n2026-01-05,t1,p2,abc\n"));

        Assert.Equal(("accepted", 200, 1), (status.State, status.Accepted, status.Invalid));
        var quarantined = await rig.Writer.ReadAsync<QuarantineRecord>(rig.Store.Paths.Single(p => p.StartsWith("quarantine/sales/", StringComparison.Ordinal)));
        Assert.Equal(201, Assert.Single(quarantined).Index);
    }

    [Theory]
    [InlineData("1.23456", "units", "'1.23456' has more than 4 decimal places")]
    [InlineData("12,34567", "units", "'12,34567' has more than 4 decimal places")]
    [InlineData("0.00001", "units", "'0.00001' has more than 4 decimal places")]
    public async Task Process_AmountWithMoreThanFourDecimals_RowInvalidNotRounded(string units, string column, string message)
    {
        var rig = Create();
        var status = await rig.Processor.ProcessAsync(Csv($"date;store;product;units\n2026-09-01;t1;p1;1.2345\n2026-09-02;t1;p1;{units}\n", threshold: 1));

        Assert.Equal((1, 1), (status.Accepted, status.Invalid));
        Assert.Equal(new UploadError(2, column, message), Assert.Single(status.Errors));
        Assert.Equal(1.2345m, Assert.Single(await rig.Writer.ReadAsync<BronzeSale>(status.BronzePath!)).Units);
    }

    [Fact]
    public async Task Process_FloatingPointNoiseFromExport_RoundedToFourDecimals()
    {
        var rig = Create();
        var status = await rig.Processor.ProcessAsync(Csv("date,store,product,units,revenue\n2026-09-01,t1,p1,3,27.900000000000002\n"));

        Assert.Equal(("accepted", 1), (status.State, status.Accepted));
        Assert.Equal(27.9m, Assert.Single(await rig.Writer.ReadAsync<BronzeSale>(status.BronzePath!)).Revenue);
    }

    [Theory]
    [InlineData(DuplicatePolicy.Reject, "rejected", 0)]
    [InlineData(DuplicatePolicy.Skip, "accepted", 1)]
    [InlineData(DuplicatePolicy.Overwrite, "accepted", 2)]
    public async Task Process_DuplicatesAgainstLake_FollowPolicy(DuplicatePolicy policy, string state, int accepted)
    {
        var rig = Create();
        await rig.Processor.ProcessAsync(Csv("date,store,product,units\n2026-09-01,t1,p1,3\n"));

        var status = await rig.Processor.ProcessAsync(Csv("date,store,product,units\n2026-09-01,t1,p1,4\n2026-09-02,t1,p1,5\n", policy, threshold: 0));

        Assert.Equal((state, accepted), (status.State, status.Accepted));
        Assert.Equal(policy == DuplicatePolicy.Overwrite ? 1 : 0, status.Overwritten);
        Assert.Equal(policy == DuplicatePolicy.Skip ? 1 : 0, status.Skipped);
    }

    [Fact]
    public async Task Process_SmallAdditionToLargeHistory_DoesNotRecommendRetraining()
    {
        var rig = Create();
        var history = string.Join("\n", Enumerable.Range(0, 100).Select(i => $"{new DateOnly(2026, 1, 1).AddDays(i):yyyy-MM-dd},t1,p1,1"));
        await rig.Processor.ProcessAsync(Csv("date,store,product,units\n" + history + "\n"));
        var small = await rig.Processor.ProcessAsync(Csv("date,store,product,units\n2025-01-01,t1,p1,1\n"));
        Assert.False(small.RecommendRetraining);
    }

    [Fact]
    public async Task Process_ExplicitMappingAndPreview_StoresNothing()
    {
        var rig = Create();
        var csv = "when,where,what,how_many\n2026-09-01,t1,p1,3\n";
        var mapping = new Dictionary<string, string> { ["date"] = "when", ["store"] = "where", ["product"] = "what", ["units"] = "how_many" };

        var status = await rig.Processor.ProcessAsync(Csv(csv, mapping: mapping) with { PreviewOnly = true });

        Assert.Equal("preview", status.State);
        Assert.Equal("3", status.Preview[0]["units"]);
        Assert.Empty(rig.Store.Paths);
    }

    [Fact]
    public async Task Process_UnmappableHeader_RejectedNamingMissingColumn()
    {
        var rig = Create();
        var status = await rig.Processor.ProcessAsync(Csv("a,b\n1,2\n"));
        Assert.Equal("rejected", status.State);
        Assert.Contains(status.Errors, e => e.Message.Contains("'date'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_AcceptedUpload_TombstonesAuditsAndHidesFromDuplicateCheck()
    {
        var rig = Create();
        var first = await rig.Processor.ProcessAsync(Csv("date,store,product,units\n2026-09-01,t1,p1,3\n"));

        var deleted = await rig.Processor.DeleteAsync(first.Id, "admin@obrador");
        var again = await rig.Processor.ProcessAsync(Csv("date,store,product,units\n2026-09-01,t1,p1,3\n", threshold: 0));

        Assert.Equal("deleted", deleted!.State);
        Assert.Contains(LakePaths.SalesTombstones(first.Id), rig.Store.Paths);
        Assert.Contains(first.BronzePath!, rig.Store.Paths);
        Assert.Equal("upload.deleted", Assert.Single(rig.Tables.All(ServingTables.Audit)).GetString("Kind"));
        Assert.Equal("accepted", again.State);
        Assert.Null(await rig.Processor.DeleteAsync("0123456789abcdef0123456789abcdef", "x"));
    }

    [Fact]
    public async Task Process_RealBakeryHistoryWithMapping_Accepted()
    {
        var rig = Create();
        var path = Path.Combine(RepoPaths.SharedData, "bakery-fr", "daily_sales_french_bakery.csv");
        // Article names contain spaces ("12 MACARON"), which the id contract (^[A-Za-z0-9._:-]{1,64}$) refuses; an analyst replaces them.
        var lines = (await File.ReadAllLinesAsync(path)).Take(2001).ToList();
        var mapping = new Dictionary<string, string> { ["product"] = "unique_id", ["date"] = "ds", ["revenue"] = "y" };
        var csv = "store," + lines[0] + ",units\n" + string.Join("\n", lines.Skip(1).Select(l => "fr01," + l.Replace(' ', '-') + ",1"));

        var status = await rig.Processor.ProcessAsync(Csv(csv, mapping: mapping));

        Assert.Equal("accepted", status.State);
        Assert.Equal(2000, status.Accepted);
    }
}
