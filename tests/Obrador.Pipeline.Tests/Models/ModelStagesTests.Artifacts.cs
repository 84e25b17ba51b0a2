using Obrador.Forecasting.Artifacts;
using Obrador.Lake.Serving;
using Obrador.Pipeline.Models;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Registry;

namespace Obrador.Pipeline.Tests.Models;

/// <summary>The sales forecaster's registry artifact: written by train, the only thing score fits from.</summary>
public sealed partial class ModelStagesTests
{
    [Fact]
    public async Task Train_SalesForecaster_StoresTheArtifactScoringUsed()
    {
        var registry = new ModelRegistry(f.Backend.Objects, f.Backend.Tables);
        var manifest = await registry.GetManifestAsync("sales-forecast", V);
        var bytes = await registry.GetArtifactAsync("sales-forecast", V, ForecasterArtifact.FileName);

        var model = ForecasterArtifact.Read(bytes!);

        Assert.Equal([ForecasterArtifact.FileName], manifest!.Artifacts);
        Assert.Equal(model.Version, manifest.Parameters["engineVersion"]);
        Assert.Equal(manifest.Parameters["champion"], model.Backtest.Champion);
        Assert.Equal([1, 7, 28], model.Horizons);
        var rows = await f.RowsAsync(ServingTables.Forecasts, ServingTables.VersionedKey(V, "S1"));
        Assert.All(rows, r => Assert.Equal(model.Version, r.GetString("ModelVersion")));
    }

    [Fact]
    public async Task Score_MissingOrTruncatedArtifact_FailsNamingTheFile()
    {
        var next = f.Run with { ScheduledAt = f.Run.ScheduledAt.AddDays(3), RunId = f.Run.RunId + "-artifact" };
        var ctx = new StageContext(next, f.Backend.Objects, f.Backend.Tables, new Fakes.ManualClock(ModelPipelineFixture.Night.AddDays(3)), f.Logger, new PipelineOptions());
        var path = ModelRegistry.Folder("sales-forecast", next.ServingVersion) + ForecasterArtifact.FileName;

        var missing = await Assert.ThrowsAsync<PipelineException>(() => f.Stages[2].ExecuteAsync(ctx, ModelStages.Forecasting, default));
        var good = await new ModelRegistry(f.Backend.Objects, f.Backend.Tables).GetArtifactAsync("sales-forecast", V, ForecasterArtifact.FileName);
        await f.Backend.Objects.PutAsync(path, new MemoryStream(good![..^64]), default, default);
        var truncated = await Assert.ThrowsAsync<PipelineException>(() => f.Stages[2].ExecuteAsync(ctx, ModelStages.Forecasting, default));

        Assert.Contains("has not stored it", missing.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", truncated.Message, StringComparison.Ordinal);
        Assert.Contains(path, truncated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_ChallengerNotPromoted_ScoresWithTheChampionsArtifact()
    {
        var next = f.Run with { ScheduledAt = f.Run.ScheduledAt.AddDays(5), RunId = f.Run.RunId + "-challenger" };
        var ctx = new StageContext(next, f.Backend.Objects, f.Backend.Tables, new Fakes.ManualClock(ModelPipelineFixture.Night.AddDays(5)), f.Logger, new PipelineOptions());

        await f.Stages[0].ExecuteAsync(ctx, ModelStages.Forecasting, default);
        var decision = await f.Stages[1].ExecuteAsync(ctx, ModelStages.Forecasting, default);
        var scored = await f.Stages[2].ExecuteAsync(ctx, ModelStages.Forecasting, default);

        // Same gold, same metrics: the challenger is not 2 % better, so the champion trained in the fixture's run serves.
        Assert.Contains(decision.Warnings, w => w.Contains("not promoted", StringComparison.Ordinal));
        Assert.Equal(V, (await new ModelRegistry(f.Backend.Objects, f.Backend.Tables).GetChampionAsync("sales-forecast"))?.Version);
        Assert.Contains(scored.Warnings, w => w.Contains($"scored with champion {V}", StringComparison.Ordinal));
        var rows = await f.RowsAsync(ServingTables.Forecasts, ServingTables.VersionedKey(next.ServingVersion, "S1"));
        Assert.Equal(ModelBronzeFixture.Products.Length * 3, rows.Count);
    }
}
