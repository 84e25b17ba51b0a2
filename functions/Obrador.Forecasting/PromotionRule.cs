using Obrador.Forecasting.Backtesting;

namespace Obrador.Forecasting;

/// <summary>
/// When a newly trained challenger replaces the serving champion: both are backtested on the same origins, and the
/// challenger must lower the mean wMAPE over the horizons by at least <see cref="MinRelativeImprovement"/> without
/// worsening any single horizon by more than <see cref="MaxHorizonRegression"/>.
/// </summary>
public sealed record PromotionRule
{
    /// <summary>Required relative drop of mean wMAPE, in [0, 1). Default 0.02 (2 %).</summary>
    public double MinRelativeImprovement { get; init; } = 0.02;

    /// <summary>Largest tolerated relative wMAPE increase at any horizon, in [0, 1]. Default 0.05 (5 %).</summary>
    public double MaxHorizonRegression { get; init; } = 0.05;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> outside the documented ranges.</summary>
    public void Validate()
    {
        Guard.InRange(MinRelativeImprovement, 0, 0.999);
        Guard.InRange(MaxHorizonRegression, 0, 1);
    }

    /// <summary>True when <paramref name="challenger"/> should replace <paramref name="champion"/> (both from the same backtest design).</summary>
    public bool ShouldPromote(ModelBacktest champion, ModelBacktest challenger)
    {
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(challenger);
        if (!double.IsFinite(challenger.MeanWmape))
        {
            return false;
        }

        if (!double.IsFinite(champion.MeanWmape))
        {
            return true;
        }

        var improves = challenger.MeanWmape <= champion.MeanWmape * (1 - MinRelativeImprovement);
        var noRegression = champion.ByHorizon.All(kv =>
            !challenger.ByHorizon.TryGetValue(kv.Key, out var c) || !double.IsFinite(kv.Value.Wmape)
            || c.Wmape <= kv.Value.Wmape * (1 + MaxHorizonRegression));
        return improves && noRegression;
    }
}
