using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models;

/// <summary>
/// A forecasting method. <see cref="Fit"/> sees only panel columns up to and including <c>trainEnd</c>;
/// implementations must not read later values (the backtest relies on it). Implementations are thread-safe.
/// </summary>
public interface IForecastModel
{
    /// <summary>Short stable name used in reports and the <c>Forecasts</c> table (e.g. <c>ets</c>, <c>gbm</c>).</summary>
    string Name { get; }

    /// <summary>Fits on columns ≤ <paramref name="trainEnd"/>; local models defer the per-series fit to prediction.</summary>
    /// <param name="panel">All series.</param>
    /// <param name="trainEnd">Last column the model may learn from.</param>
    /// <param name="horizons">Horizons in steps (≥ 1) the fitted model will be asked for.</param>
    IFittedModel Fit(SeriesPanel panel, int trainEnd, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default);
}
