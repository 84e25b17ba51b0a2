using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Functions.Ingestion;
using Obrador.Ingestion.Billing;
using Obrador.Ingestion.Bronze;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Etl.Gold;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Ingestion;

/// <summary>The per-event check flags a cost spike as soon as the export lands, from gold history, on the embedded stores.</summary>
public sealed class CostSpikeCheckTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private readonly string _root = RepoPaths.NewTempDirectory("obrador-spike");
    private readonly StorageBackend _storage;
    private readonly BronzeWriter _lake;

    public CostSpikeCheckTests()
    {
        _storage = StorageFactory.Create(new StorageOptions { LocalRoot = _root });
        _lake = new BronzeWriter(_storage.Objects, ParquetRecordFormat.Instance);
    }

    [Theory]
    [InlineData(560.0, true)]
    [InlineData(104.0, false)]
    public async Task Check_ExportOfOneDay_FlagsOnlyASpike(double dayCost, bool expectFlag)
    {
        await SeedGoldAsync(days: 42);
        var ingestor = new BillingExportIngestor(_lake, _storage.Tables, new BillingExportOptions(), TimeProvider.System, NullLogger<BillingExportIngestor>.Instance);
        await _storage.Objects.PutAsync("billing-exports/focus/day.csv", new MemoryStream(Encoding.UTF8.GetBytes(FocusCsv(dayCost))));
        var result = await ingestor.IngestAsync("focus/day.csv");
        var check = new CostSpikeCheck(_lake, _storage.Tables, TimeProvider.System, NullLogger<CostSpikeCheck>.Instance);

        var flagged = await check.CheckAsync(result);

        var page = await _storage.Tables.QueryAsync(ServingTables.CostAnomalies, "2026-11");
        if (expectFlag)
        {
            var line = Assert.Single(flagged);
            Assert.Contains("sub-1 on 2026-11-20", line, StringComparison.Ordinal);
            var row = Assert.Single(page.Items);
            Assert.Equal("new", row.GetString("Status"));
            Assert.Equal("early", row.GetString("Kind"));
            Assert.Equal("critical", row.GetString("Severity"));
            Assert.Equal(dayCost, row.GetDouble("Actual")!.Value, 6);
        }
        else
        {
            Assert.Empty(flagged);
            Assert.Empty(page.Items);
        }
    }

    public void Dispose()
    {
        _storage.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    // 42 days of ~100/day with a weekly pattern for sub-1 in gold daily_cost, as the nightly gold stage writes it.
    private async Task SeedGoldAsync(int days)
    {
        for (var i = days; i >= 1; i--)
        {
            var d = Day.AddDays(-i);
            var cost = 100 + (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? -8 : 3) + ((i * 7) % 5);
            DailyCostRow[] rows =
            [
                new() { Date = d, Subscription = "sub-1", ResourceGroup = "rg-a", Service = "Storage", ResourceId = "/subscriptions/sub-1/r1", Tags = "{}", Currency = "EUR", Cost = cost, EffectiveCost = cost, Lines = 1 },
            ];
            await _lake.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"gold/daily_cost/date={d:yyyy-MM-dd}/part-0.parquet"), rows);
        }
    }

    private static string FocusCsv(double cost) =>
        "BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ServiceName,ServiceCategory,ResourceId,ResourceName,ResourceType,RegionName,SubAccountId,SubAccountName,Tags\n"
        + string.Create(CultureInfo.InvariantCulture, $"{cost},{cost},{cost},EUR,2026-11-20T00:00:00Z,2026-11-21T00:00:00Z,Usage,Storage,Storage,/subscriptions/sub-1/r1,r1,microsoft.storage/storageaccounts,westeurope,sub-1,Sub one,\"{{}}\"\n");
}
