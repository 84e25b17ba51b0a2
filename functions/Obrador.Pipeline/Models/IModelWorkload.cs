using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Registry;

namespace Obrador.Pipeline.Models;

/// <summary>One model family as the model stages see it: its gold input, training and batch scoring.</summary>
internal interface IModelWorkload
{
    /// <summary>Partition name (<c>forecasting</c>, <c>recommendations</c>, <c>finops</c>).</summary>
    string Partition { get; }

    /// <summary>Registry name of the model family.</summary>
    string ModelName { get; }

    /// <summary>Promotion rule of the family.</summary>
    PromotionRule Rule { get; }

    /// <summary>Whether the gold input exists.</summary>
    Task<bool> HasInputAsync(StageContext context, CancellationToken cancellationToken);

    /// <summary>Trains and evaluates on gold; returns the manifest to register (version = the run's serving version).</summary>
    Task<(ModelManifest Manifest, IReadOnlyList<string> Warnings)> TrainAsync(StageContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Trains like <see cref="TrainAsync"/> and also returns the artifact files to store beside the manifest under
    /// <c>models/{name}/{version}/</c> (file name → bytes); by default none, for families that re-fit when scoring.
    /// </summary>
    async Task<(ModelManifest Manifest, IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, byte[]> Artifacts)> TrainWithArtifactsAsync(StageContext context, CancellationToken cancellationToken)
    {
        var (manifest, warnings) = await TrainAsync(context, cancellationToken).ConfigureAwait(false);
        return (manifest, warnings, new Dictionary<string, byte[]>());
    }

    /// <summary>Scores and writes the serving rows of the run's version; returns the row count.</summary>
    Task<StageOutcome> ScoreAsync(StageContext context, CancellationToken cancellationToken);
}
