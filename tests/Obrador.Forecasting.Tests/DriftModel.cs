using Obrador.Forecasting.Models;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Tests;

/// <summary>
/// Last observed value + <c>slope × h</c> (the random walk with a given drift): with slopes 0 and 2 on y_t = t the two
/// models err by −h and +h, so their equal-weight combination is exact.
/// </summary>
internal sealed class DriftModel(string name, double slope) : IForecastModel, IFittedModel
{
    public string Name => name;

    public IReadOnlyList<FeatureImportance> Importance => [];

    public IFittedModel Fit(SeriesPanel panel, int trainEnd, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default) => this;

    public double[][] Predict(SeriesPanel panel, int origin, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default) =>
        Enumerable.Range(0, panel.Count).Select(s =>
        {
            var last = Enumerable.Range(0, origin + 1).Reverse().Select(t => panel.Observed(s, t)).FirstOrDefault(double.IsFinite, 0);
            return horizons.Select(h => last + (slope * h)).ToArray();
        }).ToArray();

    public IReadOnlyList<FeatureContribution> Explain(SeriesPanel panel, int series, int origin, int horizon, int top) => [];
}
