using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Quality;
using Obrador.Pipeline.Stages;

namespace Obrador.Pipeline;

/// <summary>The production stage graph.</summary>
public static class DefaultPipeline
{
    /// <summary>
    /// <c>silver → gold → quality-gate</c>, followed by <paramref name="modelStages"/> (train, promote, score) and
    /// <c>publish</c> when any model stage is given; without model stages nothing new would be served, so the graph
    /// stops after the gate and never flips the serving pointer to an empty version.
    /// </summary>
    /// <param name="etl">ETL settings.</param>
    /// <param name="quality">Quality thresholds (defaults when null).</param>
    /// <param name="modelStages">Train, promote and score stages, in order; score stages record what they wrote in <see cref="Serving.ServingManifest"/>.</param>
    /// <param name="requiredServingTables">Tables publish requires rows in (default: every versioned table).</param>
    public static PipelineGraph Create(EtlOptions etl, QualityOptions? quality = null, IEnumerable<IPipelineStage>? modelStages = null, IReadOnlyList<string>? requiredServingTables = null)
    {
        var stages = new List<IPipelineStage> { new SilverStage(etl), new GoldStage(etl), new QualityGateStage(quality ?? new QualityOptions()) };
        var models = modelStages?.ToList() ?? [];
        if (models.Count > 0)
        {
            stages.AddRange(models);
            stages.Add(new PublishStage(requiredServingTables));
        }

        return new PipelineGraph(stages);
    }
}
