namespace Obrador.Forecasting.Models.Ensemble;

/// <summary>Options of the forecast combination <see cref="EnsembleModel"/> (see its remarks for the weighting rule).</summary>
public sealed record EnsembleOptions
{
    /// <summary>Names of the combined models (each must be enabled in the engine). Default <c>gbm</c> and <c>ets</c>.</summary>
    public IReadOnlyList<string> Members { get; init; } = ["gbm", "ets"];

    /// <summary>Spacing of the weight grid on the simplex (weights are multiples of it). Default 0.1.</summary>
    public double WeightStep { get; init; } = 0.1;

    /// <summary>
    /// Extra backtest origins before the reported ones, on which members are forecast only to give the combination
    /// realized errors from its first reported origin on (they are not scored). Default 8.
    /// </summary>
    public int WarmupOrigins { get; init; } = 8;

    /// <summary>At most this many most recent realized origins set the weights of a horizon. Default 8.</summary>
    public int WeightWindow { get; init; } = 8;

    /// <summary>Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/> on invalid values.</summary>
    public void Validate()
    {
        if (Members is null || Members.Count < 2 || Members.Distinct(StringComparer.Ordinal).Count() != Members.Count)
        {
            throw new ArgumentException("An ensemble needs at least two distinct member models.", nameof(Members));
        }

        if (Members.Contains(EnsembleModel.ModelName, StringComparer.Ordinal))
        {
            throw new ArgumentException("An ensemble cannot contain itself.", nameof(Members));
        }

        Guard.InRange(WeightStep, 0.01, 0.5);
        Guard.AtLeast(WarmupOrigins, 0);
        Guard.AtLeast(WeightWindow, 1);
        Guard.AtLeast((int)Math.Round(1 / WeightStep) + 1, Members.Count, nameof(WeightStep));
    }
}
