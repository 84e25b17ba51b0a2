using Obrador.Forecasting;

namespace Obrador.Bench.Forecasting;

/// <summary>
/// Command-line overrides of the backtest split and the GBM's recency settings (null = the dataset's default), used to
/// choose settings on earlier, non-reported origins before reporting on the standard ones.
/// </summary>
/// <param name="LastOrigin">Last backtest origin (<c>--last-origin</c>).</param>
/// <param name="RefitMaxHorizon">GBM horizons refitted on all rows (<c>--gbm-refit-max-h</c>).</param>
/// <param name="HalfLife">GBM recency half-life in steps, 0 = none (<c>--gbm-half-life</c>).</param>
/// <param name="ShortRefitEvery">Refit interval of the short horizons (<c>--short-refit-every</c>).</param>
/// <param name="Seed">Seed of the GBM's feature draws (<c>--gbm-seed</c>), to measure the spread between equally good fits.</param>
/// <param name="RefitValidation">Validation share of the refitted horizons (<c>--gbm-refit-valid</c>).</param>
/// <param name="ContinueRounds">Continued-boosting rounds at the backtest's non-refit origins (<c>--gbm-continue</c>).</param>
internal sealed record GbmTuning(DateOnly? LastOrigin, int? RefitMaxHorizon, double? HalfLife, int? ShortRefitEvery, int? Seed = null, double? RefitValidation = null, int? ContinueRounds = null)
{
    public ForecastEngineOptions Apply(ForecastEngineOptions options)
    {
        var gbm = options.Gbm ?? new();
        gbm = gbm with
        {
            RefitMaxHorizon = RefitMaxHorizon ?? gbm.RefitMaxHorizon,
            RecencyHalfLife = HalfLife is { } h ? (h > 0 ? h : null) : gbm.RecencyHalfLife,
            Seed = Seed ?? gbm.Seed,
            RefitValidationFraction = RefitValidation ?? gbm.RefitValidationFraction,
            ContinueRounds = ContinueRounds ?? gbm.ContinueRounds,
        };
        var backtest = options.Backtest with
        {
            LastOrigin = LastOrigin ?? options.Backtest.LastOrigin,
            ShortHorizonRefitEvery = ShortRefitEvery ?? options.Backtest.ShortHorizonRefitEvery,
        };
        return options with
        {
            Gbm = options.Gbm is null ? null : gbm,
            GbmMedian = options.GbmMedian is null ? null : options.GbmMedian with { RefitMaxHorizon = gbm.RefitMaxHorizon, RecencyHalfLife = gbm.RecencyHalfLife, Seed = gbm.Seed, RefitValidationFraction = gbm.RefitValidationFraction, ContinueRounds = gbm.ContinueRounds },
            Backtest = backtest,
        };
    }
}
