using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models;

/// <summary>A fitted forecasting model, immutable and thread-safe.</summary>
public interface IFittedModel
{
    /// <summary>Name of the method (see <see cref="IForecastModel.Name"/>).</summary>
    string Name { get; }

    /// <summary>
    /// Point forecasts made at <paramref name="origin"/> (using columns ≤ origin only), as [series][horizon index].
    /// Never NaN: a series with no observation up to the origin gets 0.
    /// </summary>
    double[][] Predict(SeriesPanel panel, int origin, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default);

    /// <summary>Total split gain per feature, largest first; empty for models without features.</summary>
    IReadOnlyList<FeatureImportance> Importance { get; }

    /// <summary>
    /// The <paramref name="top"/> features that moved forecast (series, origin, horizon) most, in the series' unit
    /// (positive = pushed the forecast up); empty for models without features.
    /// </summary>
    IReadOnlyList<FeatureContribution> Explain(SeriesPanel panel, int series, int origin, int horizon, int top);
}
