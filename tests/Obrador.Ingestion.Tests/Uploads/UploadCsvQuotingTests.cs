using System.Globalization;
using System.Text;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Uploads;

namespace Obrador.Ingestion.Tests.Uploads;

/// <summary>CSV quoting faults in uploads: reported per row with line and column, never swallowing the rows after them.</summary>
public sealed class UploadCsvQuotingTests
{
    [Fact]
    public async Task Process_StrayQuoteAtRow151Of200_OnlyThatRowInvalidAndNoRowLost()
    {
        var rig = UploadProcessorTests.Create();
        var sb = new StringBuilder("fecha,tienda,producto,cantidad\n");
        for (var i = 0; i < 200; i++)
        {
            var product = i == 150 ? "\"pan" : "pan";
            sb.Append(new DateOnly(2024, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(",t1,").Append(product).Append(",5\n");
        }

        var status = await rig.Processor.ProcessAsync(UploadProcessorTests.Csv(sb.ToString()));

        Assert.Equal(("accepted", 200, 199, 1), (status.State, status.Rows, status.Accepted, status.Invalid));
        var error = Assert.Single(status.Errors);
        Assert.Equal((151, "producto"), (error.Row, error.Column));
        Assert.StartsWith("line 152: the quote at position 15 opens a quoted cell that does not close on this line", error.Message, StringComparison.Ordinal);
        var bronze = await rig.Writer.ReadAsync<BronzeSale>(status.BronzePath!);
        Assert.Equal(Enumerable.Range(1, 200).Where(r => r != 151), bronze.Select(s => s.RowNumber));
        Assert.Equal(new DateOnly(2024, 7, 18), bronze[^1].Date);
        var quarantined = await rig.Writer.ReadAsync<QuarantineRecord>(rig.Store.Paths.Single(p => p.StartsWith("quarantine/sales/", StringComparison.Ordinal)));
        Assert.Equal(("2024-05-30,t1,\"pan,5", 151L), (Assert.Single(quarantined).Raw, quarantined[0].Index));
    }

    [Theory]
    [InlineData("2026-09-01;t1;pa\"n;5", "producto", "line 3: stray quote in the unquoted cell 'pa\"n'")]
    [InlineData("2026-09-01;t1;\"pan\"x;5", "producto", "line 3: text follows the closing quote of the cell at position 15")]
    [InlineData("2026-09-01;t1;pan;5\"", "cantidad", "line 3: stray quote in the unquoted cell '5\"'")]
    [InlineData("\"2026-09-01;t1;pan;5", "fecha", "line 3: the quote at position 1 opens a quoted cell that does not close on this line")]
    public async Task Process_QuotingFault_RowInvalidWithLineAndColumn(string badLine, string column, string message)
    {
        var rig = UploadProcessorTests.Create();
        var csv = $"fecha;tienda;producto;cantidad\n2026-08-31;t1;\"pan\";4\n{badLine}\n2026-09-02;t1;\"p-an\";6\n";

        var status = await rig.Processor.ProcessAsync(UploadProcessorTests.Csv(csv, threshold: 1));

        Assert.Equal((3, 2, 1), (status.Rows, status.Accepted, status.Invalid));
        var error = Assert.Single(status.Errors);
        Assert.Equal((2, column), (error.Row, error.Column));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_QuotingFaultInHeader_RejectedNamingLine1()
    {
        var rig = UploadProcessorTests.Create();

        var status = await rig.Processor.ProcessAsync(UploadProcessorTests.Csv("fecha,\"tienda,producto,cantidad\n2026-09-01,t1,pan,5\n"));

        Assert.Equal("rejected", status.State);
        Assert.Contains("line 1: the quote at position 7 opens a quoted cell", Assert.Single(status.Errors).Message, StringComparison.Ordinal);
    }
}
