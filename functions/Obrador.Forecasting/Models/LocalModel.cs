using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models;

/// <summary>
/// Base of per-series models (naive, moving average, ETS): nothing is learned across series, so fitting happens
/// per series at prediction time on the history up to the origin (closed steps read as missing).
/// </summary>
public abstract class LocalModel : IForecastModel, IFittedModel
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<FeatureImportance> Importance => [];

    /// <inheritdoc />
    public IFittedModel Fit(SeriesPanel panel, int trainEnd, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default) => this;

    /// <inheritdoc />
    public IReadOnlyList<FeatureContribution> Explain(SeriesPanel panel, int series, int origin, int horizon, int top) => [];

    /// <inheritdoc />
    public double[][] Predict(SeriesPanel panel, int origin, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(horizons);
        var result = new double[panel.Count][];
        var hs = horizons.ToArray();
        var season = SeasonLength(panel.Frequency);
        Parallel.For(0, panel.Count, new ParallelOptions { CancellationToken = cancellationToken }, s =>
        {
            var n = Math.Min(origin + 1, panel.Length);
            var history = new double[Math.Max(n, 0)];
            for (var t = 0; t < history.Length; t++)
            {
                history[t] = panel.Observed(s, t);
            }

            var output = new double[hs.Length];
            var first = Array.FindIndex(history, v => !double.IsNaN(v));
            if (first >= 0)
            {
                Forecast(history.AsSpan(first), season, hs, output);
            }

            for (var i = 0; i < output.Length; i++)
            {
                output[i] = double.IsFinite(output[i]) ? output[i] : 0;
            }

            result[s] = output;
        });
        return result;
    }

    /// <summary>Season length in steps for data of <paramref name="frequency"/>.</summary>
    protected abstract int SeasonLength(Frequency frequency);

    /// <summary>Forecasts one series.</summary>
    /// <param name="history">Values up to the origin, starting at the first observation; NaN = missing or closed.</param>
    /// <param name="seasonLength">Season length in steps.</param>
    /// <param name="horizons">Horizons in steps.</param>
    /// <param name="output">One forecast per horizon.</param>
    protected internal abstract void Forecast(ReadOnlySpan<double> history, int seasonLength, ReadOnlySpan<int> horizons, Span<double> output);

    /// <summary>Last non-NaN value of <paramref name="history"/>, or 0.</summary>
    protected static double LastObserved(ReadOnlySpan<double> history)
    {
        for (var t = history.Length - 1; t >= 0; t--)
        {
            if (!double.IsNaN(history[t]))
            {
                return history[t];
            }
        }

        return 0;
    }
}
