namespace Obrador.Pipeline.Registry;

/// <summary>
/// When a challenger replaces the champion: it must have been scored on the same backtest and beat the champion's
/// <see cref="Metric"/> by at least <see cref="RelativeMargin"/> (e.g. 0.02 = 2 % lower error).
/// </summary>
public sealed record PromotionRule
{
    /// <summary>Metric compared, e.g. <c>wmape</c>. Default <c>wmape</c>.</summary>
    public string Metric { get; init; } = "wmape";

    /// <summary>True when lower values are better (errors); false for scores like <c>ndcg@10</c>. Default true.</summary>
    public bool LowerIsBetter { get; init; } = true;

    /// <summary>Required relative improvement, 0 to 1. Default 0.02.</summary>
    public double RelativeMargin { get; init; } = 0.02;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Naming the setting.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Metric))
        {
            throw new ArgumentOutOfRangeException(nameof(Metric), Metric, "A metric name is required.");
        }

        if (!(RelativeMargin >= 0 && RelativeMargin <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeMargin), RelativeMargin, "Expected 0 to 1.");
        }
    }

    /// <summary>Decides whether <paramref name="challenger"/> replaces <paramref name="champion"/>.</summary>
    /// <param name="challenger">The new version.</param>
    /// <param name="champion">The live version, or null (then any challenger with a finite metric wins).</param>
    /// <returns>The decision and a one-line reason.</returns>
    /// <remarks>NaN policy: a challenger whose metric is missing or not finite never wins; a champion whose metric is not finite always loses.</remarks>
    public PromotionDecision Decide(ModelManifest challenger, ModelManifest? champion)
    {
        Validate();
        if (!challenger.Metrics.TryGetValue(Metric, out var c) || !double.IsFinite(c))
        {
            return new PromotionDecision(false, $"challenger has no finite {Metric}");
        }

        if (champion is null)
        {
            return new PromotionDecision(true, "no champion yet");
        }

        if (!string.Equals(champion.Backtest, challenger.Backtest, StringComparison.Ordinal))
        {
            return new PromotionDecision(false, $"backtests differ ({challenger.Backtest} vs {champion.Backtest})");
        }

        if (!champion.Metrics.TryGetValue(Metric, out var h) || !double.IsFinite(h))
        {
            return new PromotionDecision(true, $"champion has no finite {Metric}");
        }

        var improvement = LowerIsBetter ? (h - c) / Math.Max(Math.Abs(h), 1e-12) : (c - h) / Math.Max(Math.Abs(h), 1e-12);
        return improvement >= RelativeMargin
            ? new PromotionDecision(true, $"{Metric} {c:G6} vs {h:G6}: {improvement:P2} better (margin {RelativeMargin:P2})")
            : new PromotionDecision(false, $"{Metric} {c:G6} vs {h:G6}: {improvement:P2} better, below margin {RelativeMargin:P2}");
    }
}
