using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Serving;

namespace Obrador.Pipeline.Stages;

/// <summary>
/// The last stage: makes the run's serving version live by flipping the <c>ServingVersion</c> pointer. The score stages
/// have already written every row under <c>{version}|…</c>, invisible until this flip.
/// </summary>
/// <remarks>Idempotent: flipping to the version already live is a no-op, so a replay never pushes the old version out of <c>Previous</c>.</remarks>
public sealed class PublishStage : IPipelineStage
{
    /// <summary>The stage name, <c>publish</c>.</summary>
    public const string StageName = "publish";

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(["_all"]);

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken)
    {
        var publisher = new ServingPublisher(context.Tables);
        var before = await publisher.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var after = await publisher.FlipAsync(context.Run.ServingVersion, context.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new StageOutcome { Rows = 1, Inputs = [before?.Version ?? "(none)", after.Version] };
    }
}
