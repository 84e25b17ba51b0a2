using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Tests.Fakes;
using Obrador.Testing;

namespace Obrador.Pipeline.Tests.Etl;

/// <summary>The same bronze through the real adapters: embedded (file system + SQLite) and Azure (Azurite).</summary>
public sealed class EtlBackendTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Night = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    private static async Task<(Dictionary<string, byte[]> Gold, int LedgerRows)> RunAsync(StorageBackend backend)
    {
        foreach (var table in ServingTables.All)
        {
            await backend.Tables.CreateTableIfNotExistsAsync(table);
        }

        foreach (var (path, rows) in BronzeFixture.BreadBasket(20))
        {
            await BronzeFixture.WriteAsync(backend.Objects, path, rows);
        }

        var options = new EtlOptions { StoreTimeZones = new Dictionary<string, string> { ["EDI-01"] = "Europe/London" } };
        var runner = new LocalPipelineRunner(DefaultPipeline.Create(options), backend.Objects, backend.Tables, new ManualClock(Night), new PipelineOptions());
        var report = await runner.RunAsync(RunIds.Create(Night));
        Assert.True(report.Succeeded, report.Summary.Error);

        var gold = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var f in await LakeIo.ListAsync(backend.Objects, "gold/daily_sales/", default))
        {
            gold[f.Path] = (await LakeIo.ReadBytesAsync(backend.Objects, f.Path, default))!;
        }

        var ledger = await backend.Tables.QueryAsync(ServingTables.Runs, report.Summary.Run.RunId);
        return (gold, ledger.Items.Count);
    }

    [Fact]
    public async Task Run_EmbeddedAndAzurite_SameGoldBytesAndLedger()
    {
        var root = RepoPaths.NewTempDirectory("obrador-etl");
        try
        {
            using var embedded = StorageFactory.Create(new StorageOptions { LocalRoot = root });
            using var azure = StorageFactory.Create(new StorageOptions { ConnectionString = azurite.ConnectionString });

            var local = await RunAsync(embedded);
            var cloud = await RunAsync(azure);

            Assert.Equal(20, local.Gold.Count);
            Assert.Equal(local.Gold.Keys, cloud.Gold.Keys);
            Assert.All(local.Gold, kv => Assert.Equal(kv.Value, cloud.Gold[kv.Key]));
            Assert.Equal(local.LedgerRows, cloud.LedgerRows);
            Assert.True(local.LedgerRows >= 9);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
