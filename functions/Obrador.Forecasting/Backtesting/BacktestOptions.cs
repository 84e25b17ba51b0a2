namespace Obrador.Forecasting.Backtesting;

/// <summary>Rolling-origin evaluation design (Tashman 2000, "Out-of-sample tests of forecasting accuracy", IJF 16(4)).</summary>
public sealed record BacktestOptions
{
    /// <summary>Number of forecast origins. Default 8.</summary>
    public int Origins { get; init; } = 8;

    /// <summary>Steps between consecutive origins. Default 7 (one week of daily data).</summary>
    public int Step { get; init; } = 7;

    /// <summary>
    /// Last origin date; null (default) = the last date with data minus the largest horizon, so every horizon of
    /// every origin has an actual.
    /// </summary>
    public DateOnly? LastOrigin { get; init; }

    /// <summary>
    /// Global models (trained across series, e.g. GBM) are refitted at every this-many-th origin and reused, as fitted,
    /// for the origins in between — as in production, where the model is retrained weekly and scored daily. Local models
    /// refit at every origin. Default 4.
    /// </summary>
    public int GlobalRefitEvery { get; init; } = 4;

    /// <summary>
    /// Global models refit their horizons h ≤ <see cref="ShortHorizonMax"/> at every this-many-th origin (null = with
    /// the other horizons, every <see cref="GlobalRefitEvery"/>): in production the next-step model is cheap to retrain
    /// each time the data grows, and it is the one that most depends on the latest weeks. Default null.
    /// </summary>
    public int? ShortHorizonRefitEvery { get; init; }

    /// <summary>Largest horizon refitted every <see cref="ShortHorizonRefitEvery"/> origins. Default 1 (the next step).</summary>
    public int ShortHorizonMax { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> on non-positive counts.</summary>
    public void Validate()
    {
        Guard.AtLeast(Origins, 1);
        Guard.AtLeast(Step, 1);
        Guard.AtLeast(GlobalRefitEvery, 1);
        Guard.AtLeast(ShortHorizonMax, 1);
        if (ShortHorizonRefitEvery is { } every)
        {
            Guard.AtLeast(every, 1);
        }
    }
}
