using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Serving;

namespace Obrador.Pipeline.Stages;

/// <summary>
/// The last stage: makes the run's serving version live by flipping the <c>ServingVersion</c> pointer. The score stages
/// have already written every row under <c>{version}|…</c>, invisible until this flip, and recorded them in the
/// <see cref="ServingManifest"/>.
/// </summary>
/// <remarks>
/// A version is only published when every required table has rows in it (readers resolve one version for all tables,
/// so a missing table would go blank); otherwise the run halts with the reason and the old version stays live.
/// Idempotent: flipping to the version already live is a no-op, so a replay never pushes the old version out of
/// <c>Previous</c>.
/// </remarks>
public sealed class PublishStage : IPipelineStage
{
    /// <summary>The stage name, <c>publish</c>.</summary>
    public const string StageName = "publish";

    private readonly IReadOnlyList<string> _required;

    /// <summary>Creates the stage.</summary>
    /// <param name="requiredTables">Tables that must have rows in the new version; default <see cref="ServingManifest.VersionedTables"/>.</param>
    public PublishStage(IReadOnlyList<string>? requiredTables = null) => _required = requiredTables ?? ServingManifest.VersionedTables;

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(["_all"]);

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var table in _required)
        {
            if (await ServingManifest.RowsAsync(context.Lake, context.Run.RunId, table, cancellationToken).ConfigureAwait(false) is not > 0)
            {
                missing.Add(table);
            }
        }

        if (missing.Count > 0)
        {
            return new StageOutcome { HaltReason = $"serving version {context.Run.ServingVersion} is incomplete (no rows in {string.Join(", ", missing)}); not published" };
        }

        var publisher = new ServingPublisher(context.Tables);
        var before = await publisher.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var after = await publisher.FlipAsync(context.Run.ServingVersion, context.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new StageOutcome { Rows = 1, Inputs = [before?.Version ?? "(none)", after.Version] };
    }
}
