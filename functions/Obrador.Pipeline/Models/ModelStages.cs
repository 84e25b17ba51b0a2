using Obrador.Pipeline.Orchestration;

namespace Obrador.Pipeline.Models;

/// <summary>
/// The model part of the nightly pipeline: <c>train</c> → <c>evaluate</c> → <c>score</c>, each fanning out over the
/// workloads <see cref="Forecasting"/>, <see cref="Recommendations"/> and <see cref="FinOps"/> whose gold input exists.
/// Pass the result to <see cref="DefaultPipeline.Create"/> as its model stages (publish follows them).
/// </summary>
/// <remarks>
/// State passes between stages only through the lake and tables (stages may run in different processes): train
/// registers <c>models/{name}/{servingVersion}/manifest.json</c>; evaluate promotes it with the family's
/// <see cref="Registry.PromotionRule"/>; score loads the sales forecaster from its registry artifact
/// (<c>models/sales-forecast/{version}/forecaster.obfm</c>, no refit) — the promoted champion's, or this run's when it
/// won or the champion cannot serve — while the other families re-fit their deterministic models from the same gold,
/// and writes the versioned serving rows.
/// </remarks>
public static class ModelStages
{
    /// <summary>Sales forecasting partition (gold <c>daily_sales</c>).</summary>
    public const string Forecasting = "forecasting";

    /// <summary>Recommendations partition (gold <c>interactions</c> + <c>item_catalog</c>).</summary>
    public const string Recommendations = "recommendations";

    /// <summary>FinOps partition (gold <c>daily_cost</c>).</summary>
    public const string FinOps = "finops";

    /// <summary>Creates the three stages in order.</summary>
    /// <param name="options">Settings; null = defaults.</param>
    /// <returns><c>train</c>, <c>evaluate</c>, <c>score</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public static IReadOnlyList<IPipelineStage> Create(ModelStageOptions? options = null)
    {
        var o = options ?? new ModelStageOptions();
        o.Validate();
        var workloads = new Workloads(o);
        return [new TrainStage(workloads), new EvaluateStage(workloads), new ScoreStage(workloads)];
    }
}
