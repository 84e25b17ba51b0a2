using Obrador.Forecasting;
using Obrador.Forecasting.Backtesting;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Models;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Tests.Fakes;
using Obrador.Testing;

namespace Obrador.Pipeline.Tests.Models;

/// <summary>
/// One nightly run silver → gold → quality → train → evaluate → score → publish on the embedded adapters
/// (file system lake + SQLite tables in a temp dir) over <see cref="ModelBronzeFixture"/>; shared by the model tests.
/// </summary>
public sealed class ModelPipelineFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Night = new(2026, 9, 28, 22, 0, 0, TimeSpan.Zero);

    private readonly string _root = RepoPaths.NewTempDirectory("obrador-models");

    public StorageBackend Backend { get; private set; } = null!;

    public RunReport Report { get; private set; } = null!;

    public PipelineRun Run { get; private set; } = null!;

    internal ListLogger Logger { get; } = new();

    internal Dictionary<string, HashSet<string>> Purchased { get; private set; } = [];

    public IReadOnlyList<IPipelineStage> Stages { get; } = ModelStages.Create(Options);

    /// <summary>Lighter backtest than production (3 origins, no GBM) to keep the unit suite fast; same code paths.</summary>
    public static ModelStageOptions Options { get; } = new()
    {
        Forecasting = new ForecastEngineOptions { Backtest = new BacktestOptions { Origins = 3 }, Gbm = null },
        Budgets = new Dictionary<string, decimal> { ["sub-b"] = 20m },
    };

    public async Task InitializeAsync()
    {
        Backend = StorageFactory.Create(new StorageOptions { LocalRoot = _root });
        foreach (var table in ServingTables.All)
        {
            await Backend.Tables.CreateTableIfNotExistsAsync(table);
        }

        Purchased = await ModelBronzeFixture.WriteAsync(Backend.Objects);
        var graph = DefaultPipeline.Create(new EtlOptions(), null, Stages);
        var runner = new LocalPipelineRunner(graph, Backend.Objects, Backend.Tables, new ManualClock(Night), new PipelineOptions(), Logger);
        Run = RunIds.Create(Night);
        Report = await runner.RunAsync(Run);
    }

    public Task DisposeAsync()
    {
        Backend.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Context for re-executing stages of the same run by hand.</summary>
    public StageContext Context() => new(Run, Backend.Objects, Backend.Tables, new ManualClock(Night), Logger, new PipelineOptions());

    public async Task<List<TableEntity>> RowsAsync(string table, string partitionKey)
    {
        var all = new List<TableEntity>();
        string? token = null;
        do
        {
            var page = await Backend.Tables.QueryAsync(table, partitionKey, null, token);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }
}
