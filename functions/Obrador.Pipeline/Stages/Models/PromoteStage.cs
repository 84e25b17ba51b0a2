using Obrador.Pipeline.Orchestration;
using Obrador.Pipeline.Registry;

namespace Obrador.Pipeline.Stages.Models;

/// <summary>
/// <c>promote</c>: for each model family, applies the promotion rule to the version this run trained. Both are compared
/// on the challenger's backtest: the champion's model kind was re-scored there too (<c>{metric}:{model}</c> in the
/// challenger's manifest). A retrain of the same model kind on fresher data replaces the champion.
/// </summary>
public sealed class PromoteStage : IPipelineStage
{
    private readonly IReadOnlyDictionary<string, PromotionRule> _rules;

    /// <summary>Creates the stage.</summary>
    /// <param name="rules">Promotion rule per family name (validated).</param>
    public PromoteStage(IReadOnlyDictionary<string, PromotionRule> rules)
    {
        foreach (var r in rules.Values)
        {
            r.Validate();
        }

        _rules = rules;
    }

    /// <inheritdoc />
    public string Name => "promote";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_rules.Keys.Order(StringComparer.Ordinal).ToList());

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageContext context, string partition, CancellationToken cancellationToken)
    {
        var rule = _rules[partition];
        var registry = new ModelRegistry(context.Lake, context.Tables);
        var version = context.Run.ServingVersion;
        var challenger = await registry.GetManifestAsync(partition, version, cancellationToken).ConfigureAwait(false);
        if (challenger is null)
        {
            return new StageOutcome { Warnings = [$"{partition}: nothing trained in this run"] };
        }

        var champion = await registry.GetChampionAsync(partition, cancellationToken).ConfigureAwait(false);
        PromotionDecision decision;
        if (champion is null || champion.Version == version)
        {
            decision = new PromotionDecision(true, champion is null ? "no champion yet" : "already champion");
        }
        else if (champion.Parameters.GetValueOrDefault("model") is { } kind && kind == challenger.Parameters.GetValueOrDefault("model"))
        {
            decision = new PromotionDecision(true, $"same model kind ({kind}) retrained on fresher data");
        }
        else
        {
            var key = rule.Metric + ":" + champion.Parameters.GetValueOrDefault("model");
            var onSameBacktest = champion with
            {
                Backtest = challenger.Backtest,
                Metrics = new Dictionary<string, double> { [rule.Metric] = challenger.Metrics.GetValueOrDefault(key, double.NaN) },
            };
            decision = rule.Decide(challenger, onSameBacktest);
        }

        if (decision.Promote)
        {
            await registry.PromoteAsync(partition, version, context.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return new StageOutcome { Rows = decision.Promote ? 1 : 0, Inputs = [challenger.Version, champion?.Version ?? "(none)", decision.Reason] };
    }
}
