using System.Text;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Uploads;

namespace Obrador.Ingestion.Tests.Uploads;

/// <summary>Every row of an upload is accounted for: stored, quarantined, listed as skipped, or kept in the original file of a rejected upload.</summary>
public sealed class UploadReportTests
{
    [Fact]
    public async Task Process_SkipPolicy_SkippedRowsListedWithRowNumbersAndNotQuarantined()
    {
        var rig = UploadProcessorTests.Create();
        await rig.Processor.ProcessAsync(UploadProcessorTests.Csv("date,store,product,units\n2026-09-01,t1,p1,3\n2026-09-03,t1,p1,3\n"));

        var status = await rig.Processor.ProcessAsync(UploadProcessorTests.Csv(
            "date,store,product,units\n2026-09-01,t1,p1,4\n2026-09-02,t1,p1,5\n2026-09-03,t1,p1,6\n2026-09-01,t1,p2,7\n", DuplicatePolicy.Skip));

        Assert.Equal(("accepted", 2, 2, 0), (status.State, status.Accepted, status.Skipped, status.Invalid));
        Assert.Equal(
            [
                new UploadError(1, "date", "skipped: store t1, product p1, 2026-09-01 is already in the lake (duplicates=skip)"),
                new UploadError(3, "date", "skipped: store t1, product p1, 2026-09-03 is already in the lake (duplicates=skip)"),
            ],
            status.SkippedRows);
        Assert.Equal(
            "date,store,product,units,error\n"
            + "2026-09-01,t1,p1,4,\"row 1, date: skipped: store t1, product p1, 2026-09-01 is already in the lake (duplicates=skip)\"\n"
            + "2026-09-03,t1,p1,6,\"row 3, date: skipped: store t1, product p1, 2026-09-03 is already in the lake (duplicates=skip)\"\n",
            await rig.Processor.GetErrorsCsvAsync(status.Id));
        Assert.DoesNotContain(rig.Store.Paths, p => p.StartsWith("quarantine/", StringComparison.Ordinal));
        Assert.Equal([2, 4], (await rig.Writer.ReadAsync<BronzeSale>(status.BronzePath!)).Select(s => s.RowNumber));
    }

    [Fact]
    public async Task Process_UnreadableFile_ErrorsCsvGivesTheReason()
    {
        var rig = UploadProcessorTests.Create();

        var status = await rig.Processor.ProcessAsync(new UploadRequest("ventas.csv", [0x66, 0x65, 0xFF, 0xFE, 0x0A], "analyst@obrador"));

        Assert.Equal("rejected", status.State);
        var csv = await rig.Processor.GetErrorsCsvAsync(status.Id);
        Assert.NotNull(csv);
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("error", lines[0]);
        Assert.StartsWith("file: ", Assert.Single(lines[1..]), StringComparison.Ordinal);
        Assert.Contains("neither UTF-8 CSV nor XLSX", lines[1], StringComparison.Ordinal);
        Assert.Equal($"uploads/{status.Id}/original.csv", status.OriginalPath);
        Assert.Contains(status.OriginalPath, rig.Store.Paths);
        Assert.EndsWith($"nothing stored, the original file is kept at uploads/{status.Id}/original.csv", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_UnmappableHeader_ErrorsCsvNamesTheColumns()
    {
        var rig = UploadProcessorTests.Create();

        var status = await rig.Processor.ProcessAsync(UploadProcessorTests.Csv("día,local,cantidad\n2026-09-01,t1,3\n"));

        Assert.Equal("rejected", status.State);
        var lines = (await rig.Processor.GetErrorsCsvAsync(status.Id))!.TrimEnd('\n').Split('\n');
        Assert.Equal("día,local,cantidad,error", lines[0]);
        Assert.StartsWith(",,,\"row 0, header: required column 'product' not found (headers: día, local, cantidad)", Assert.Single(lines[1..]), StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Store.Paths, p => p.StartsWith("quarantine/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Process_RejectedOverThreshold_StatusSaysNoRowStoredAndKeepsOriginal()
    {
        var rig = UploadProcessorTests.Create();
        var csv = "date,store,product,units\n2026-09-01,t1,p1,3\n2026-09-02,t1,p1,-1\n";

        var status = await rig.Processor.ProcessAsync(UploadProcessorTests.Csv(csv));

        Assert.Equal(("rejected", 0, 1), (status.State, status.Accepted, status.Invalid));
        Assert.StartsWith("1 of 2 rows invalid: over the ", status.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            $" threshold; no rows were stored in bronze (the invalid ones are in quarantine and errors.csv), the original file with every row is kept at uploads/{status.Id}/original.csv",
            status.Message,
            StringComparison.Ordinal);
        Assert.Equal(status.OriginalPath, (await rig.Processor.GetAsync(status.Id))!.OriginalPath);
        using var original = new MemoryStream();
        await using (var stored = await rig.Store.GetAsync(status.OriginalPath!))
        {
            await stored!.Content.CopyToAsync(original);
        }

        Assert.Equal(csv, Encoding.UTF8.GetString(original.ToArray()));
        Assert.DoesNotContain(rig.Store.Paths, p => p.StartsWith("bronze/", StringComparison.Ordinal));
    }
}
