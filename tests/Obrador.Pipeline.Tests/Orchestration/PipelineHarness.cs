using Obrador.Lake.Serving;
using Obrador.Lake.Storage;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Serving;
using Obrador.Pipeline.Stages;
using Obrador.Pipeline.Tests.Fakes;

namespace Obrador.Pipeline.Tests.Orchestration;

/// <summary>A synthetic seven-stage pipeline (same shape as production) over in-memory stores.</summary>
internal sealed class PipelineHarness
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
    public static readonly string[] Sources = ["events", "sales", "billing"];
    public static readonly string[] Stores = ["S01", "S02", "S03", "S04"];
    public const int RowsPerStore = 230;
    public const string OldVersion = "v20261120T020000Z";

    public PipelineHarness()
    {
        Stages =
        [
            new SyntheticLakeStage("silver", Sources, 3),
            new SyntheticLakeStage("gold", ["daily_sales", "interactions"], 2),
            new SyntheticLakeStage("quality-gate", ["_all"], 1),
            new SyntheticLakeStage("train", ["forecast", "recs"], 2),
            new SyntheticLakeStage("promote", ["_all"], 1),
            new SyntheticScoreStage(Stores, RowsPerStore),
            new PublishStage([ServingTables.Forecasts]),
        ];
        Graph = new PipelineGraph(Stages);
    }

    public MemoryObjectStore Lake { get; } = new();

    public MemoryTableStore Tables { get; } = new();

    public ManualClock Clock { get; } = new(Start);

    public IPipelineStage[] Stages { get; }

    public PipelineGraph Graph { get; }

    public SyntheticLakeStage Stage(string name) => (SyntheticLakeStage)Stages.First(s => s.Name == name);

    public LocalPipelineRunner Runner(IObjectStore? lake = null, ITableStore? tables = null) =>
        new(Graph, lake ?? Lake, tables ?? Tables, Clock, new PipelineOptions());

    public QueueStageDispatcher Dispatcher(IObjectStore? lake = null, ITableStore? tables = null, PipelineOptions? options = null) =>
        new(Graph, lake ?? Lake, tables ?? Tables, Clock, options ?? new PipelineOptions());

    /// <summary>Publishes a complete old version so tests can tell "old" from "new" from "mix".</summary>
    public async Task SeedOldVersionAsync()
    {
        var publisher = new ServingPublisher(Tables);
        foreach (var store in Stores)
        {
            await publisher.WriteAsync(ServingTables.Forecasts, OldVersion, SyntheticScoreStage.Rows(OldVersion, store, RowsPerStore));
        }

        await publisher.FlipAsync(OldVersion, Start.AddDays(-1));
    }

    /// <summary>Asserts the live version is old or new and that every store's rows of it are complete and of that version only.</summary>
    public async Task<string> AssertServingConsistentAsync(string newVersion)
    {
        var current = await new ServingPublisher(Tables).GetCurrentAsync();
        Assert.NotNull(current);
        Assert.Contains(current.Version, new[] { OldVersion, newVersion });
        foreach (var store in Stores)
        {
            var rows = Tables.All(ServingTables.Forecasts).Where(r => r.PartitionKey == ServingTables.VersionedKey(current.Version, store)).ToList();
            Assert.Equal(RowsPerStore, rows.Count);
            Assert.All(rows, r => Assert.Equal(current.Version, r.GetString("ModelVersion")));
        }

        return current.Version;
    }
}
