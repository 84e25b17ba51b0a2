using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models.Ensemble;

/// <summary>
/// Forecast combination: per horizon, a convex weighted mean of member models' forecasts (by default the global GBM
/// and the local ETS), with fixed weights given at construction.
/// </summary>
/// <remarks>
/// <para>Combining diverse methods is one of the most reliable ways to improve accuracy (Bates &amp; Granger 1969,
/// "The combination of forecasts", Oper. Res. Q. 20(4); Makridakis, Spiliotis &amp; Assimakopoulos 2020, "The M4
/// Competition: 100,000 time series and 61 forecasting methods", IJF 36(1), where combinations took most top places).</para>
/// <para>Weights: <see cref="ForecastEngine"/> chooses them per horizon on a grid of step
/// <see cref="EnsembleOptions.WeightStep"/> over the simplex, minimizing the absolute error (= wMAPE) of the combined
/// forecast over the most recent <see cref="EnsembleOptions.WeightWindow"/> backtest origins whose targets are already
/// observed at the forecast origin (equal weights when there are none). In the backtest this is repeated at every
/// origin with only the origins realized by then (helped by <see cref="EnsembleOptions.WarmupOrigins"/> earlier
/// origins), so the combination's reported accuracy is out of sample like every other model's; weights 1/0 reduce it
/// to a per-horizon choice of one member.</para>
/// <para>Member forecasts are clipped at 0 before combining when the engine is non-negative, as in the backtest.</para>
/// </remarks>
public sealed class EnsembleModel : IForecastModel
{
    /// <summary>The name reported for the combination.</summary>
    public const string ModelName = "ensemble";

    private readonly IReadOnlyList<IForecastModel> members;
    private readonly IReadOnlyDictionary<int, IReadOnlyList<double>> weights;
    private readonly bool nonNegative;

    /// <summary>Creates a combination of <paramref name="members"/> with <paramref name="weights"/> per horizon.</summary>
    /// <param name="members">At least two models.</param>
    /// <param name="weights">Per horizon, one non-negative weight per member summing to 1; a horizon absent here gets equal weights.</param>
    /// <param name="nonNegative">Clip member forecasts at 0 before combining.</param>
    /// <exception cref="ArgumentException">Fewer than two members, or weights of the wrong length, negative or not summing to 1.</exception>
    public EnsembleModel(IReadOnlyList<IForecastModel> members, IReadOnlyDictionary<int, IReadOnlyList<double>> weights, bool nonNegative = true)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(weights);
        if (members.Count < 2)
        {
            throw new ArgumentException("An ensemble needs at least two members.", nameof(members));
        }

        foreach (var (h, w) in weights)
        {
            if (w.Count != members.Count || w.Any(x => !double.IsFinite(x) || x < 0) || Math.Abs(w.Sum() - 1) > 1e-9)
            {
                throw new ArgumentException($"The weights of horizon {h} must be {members.Count} non-negative numbers summing to 1.", nameof(weights));
            }
        }

        this.members = members;
        this.weights = weights;
        this.nonNegative = nonNegative;
    }

    /// <inheritdoc />
    public string Name => ModelName;

    /// <summary>Member models, in weight order.</summary>
    public IReadOnlyList<IForecastModel> Members => members;

    /// <summary>Weights per horizon, one per member.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<double>> Weights => weights;

    /// <inheritdoc />
    public IFittedModel Fit(SeriesPanel panel, int trainEnd, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(horizons);
        var fitted = members.Select(m => m.Fit(panel, trainEnd, horizons, cancellationToken)).ToArray();
        return new EnsembleFittedModel(Name, fitted, horizons.Distinct().ToDictionary(h => h, WeightsFor), nonNegative);
    }

    /// <summary>The weights of <paramref name="horizon"/> (equal weights when none were given).</summary>
    public IReadOnlyList<double> WeightsFor(int horizon) =>
        weights.TryGetValue(horizon, out var w) ? w : Enumerable.Repeat(1.0 / members.Count, members.Count).ToArray();
}
