namespace Obrador.Forecasting.Selection;

/// <summary>
/// Per-series model selection ("horses for courses"): for each series and horizon, the candidate with the lowest
/// absolute error on that series over its most recent realized backtest origins, falling back to the global champion
/// when the series' evidence is thin. See <see cref="PerSeriesSelector"/> for the rule and its sources.
/// </summary>
/// <remarks>
/// Per-series selection can beat one aggregate choice (Fildes 1989, "Evaluation of aggregate and individual forecast
/// method selection rules", Management Science 35(9); Petropoulos, Makridakis, Assimakopoulos &amp; Nikolopoulos 2014,
/// "'Horses for Courses' in demand forecasting", EJOR 237(1)), but a choice made on a few noisy errors is often worse
/// than the aggregate one (Fildes &amp; Petropoulos 2015, "Simple versus complex selection rules for forecasting many
/// time series", J. Business Research 68(8)). Hence the three guards below; their defaults were fixed before the
/// benchmark was run and are not tuned on its origins.
/// </remarks>
public sealed record PerSeriesOptions
{
    /// <summary>
    /// Names of the models a series may choose from; null (default) = every model of the backtest, the combination
    /// (<c>ensemble</c>) included. Unknown or disabled names are ignored.
    /// </summary>
    public IReadOnlyList<string>? Candidates { get; init; }

    /// <summary>
    /// Extra backtest origins before the reported ones, forecast by every model and not scored, so the selection has
    /// realized errors from its first reported origin on; the engine uses the larger of this and the combination's
    /// <see cref="Models.Ensemble.EnsembleOptions.WarmupOrigins"/>. Default 8.
    /// </summary>
    public int WarmupOrigins { get; init; } = 8;

    /// <summary>At most this many most recent realized origins judge a series at a horizon. Default 8 (as the combination's window).</summary>
    public int Window { get; init; } = 8;

    /// <summary>A series with fewer realized origins with an actual (within the window) keeps the global champion. Default 4.</summary>
    public int MinOrigins { get; init; } = 4;

    /// <summary>A series with fewer non-zero actuals (within the window) keeps the global champion: intermittent series give too little signal. Default 4.</summary>
    public int MinNonZeroActuals { get; init; } = 4;

    /// <summary>
    /// The series' best candidate replaces the global champion only if its absolute error on the window is lower by at
    /// least this fraction of the champion's; a hysteresis against choosing on noise. Default 0.1 (10 %).
    /// </summary>
    public double MinRelativeImprovement { get; init; } = 0.1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> on a non-positive window or counts, or an improvement outside [0, 1).</summary>
    public void Validate()
    {
        Guard.AtLeast(WarmupOrigins, 0);
        Guard.AtLeast(Window, 1);
        Guard.AtLeast(MinOrigins, 1);
        Guard.AtLeast(MinNonZeroActuals, 0);
        Guard.InRange(MinRelativeImprovement, 0, 0.99);
    }
}
