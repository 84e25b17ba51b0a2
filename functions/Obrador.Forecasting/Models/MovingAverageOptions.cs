namespace Obrador.Forecasting.Models;

/// <summary>Options of <see cref="MovingAverageModel"/>.</summary>
public sealed record MovingAverageOptions
{
    /// <summary>Number of most recent observed values averaged. Default 7 (one week of daily data).</summary>
    public int Window { get; init; } = 7;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when <see cref="Window"/> &lt; 1.</summary>
    public void Validate() => Guard.AtLeast(Window, 1);
}
