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

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> on non-positive counts.</summary>
    public void Validate()
    {
        Guard.AtLeast(Origins, 1);
        Guard.AtLeast(Step, 1);
    }
}
