using Obrador.Forecasting.Models.Ets;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models.EtsSnapshot;

/// <summary>
/// ETS fitted per series at the training end and frozen: forecasting runs the state-space filter of the stored form
/// and parameters from the stored window start to the origin (the additive-error recursions of Hyndman et al. 2008,
/// Table 2.1, as in <see cref="EtsModel"/>), without re-estimating. At the training end its forecasts equal <see cref="EtsModel"/>'s;
/// at a later origin the filter runs on over the new observations with the stored parameters (the fitter re-derives
/// its heuristic initial states from the same window start, so only the initial-offset scale can move slightly). A series the model has no state
/// for (new since training) gets the mean of its observed history, as <see cref="EtsModel"/> does for too short a history.
/// </summary>
internal sealed class EtsSnapshotModel : IFittedModel
{
    private readonly Dictionary<string, EtsSeriesState> states;

    public EtsSnapshotModel(string name, EtsOptions options, int seasonLength, IEnumerable<EtsSeriesState> states)
    {
        Name = name;
        Options = options;
        SeasonLength = seasonLength;
        this.states = states.ToDictionary(s => s.SeriesId, StringComparer.Ordinal);
    }

    public string Name { get; }

    public EtsOptions Options { get; }

    public int SeasonLength { get; }

    /// <summary>States in series id order.</summary>
    public IEnumerable<EtsSeriesState> States => states.Values.OrderBy(s => s.SeriesId, StringComparer.Ordinal);

    public IReadOnlyList<FeatureImportance> Importance => [];

    /// <summary>Fits every series of <paramref name="panel"/> with history up to <paramref name="trainEnd"/> (in parallel).</summary>
    public static EtsSnapshotModel Fit(string name, SeriesPanel panel, int trainEnd, EtsOptions options, CancellationToken ct)
    {
        var m = options.SeasonLength ?? panel.Frequency.DefaultSeasonLength();
        var result = new EtsSeriesState?[panel.Count];
        Parallel.For(0, panel.Count, new ParallelOptions { CancellationToken = ct }, s =>
        {
            var (start, y) = Window(panel, s, trainEnd, options, null);
            if (y.Length > 0)
            {
                var (form, theta, offsets) = EtsSnapshotFitter.Fit(y, m, options);
                result[s] = new EtsSeriesState(panel.Series[s].Id, panel.DateAt(start), form, theta, offsets);
            }
        });
        return new EtsSnapshotModel(name, options, m, result.OfType<EtsSeriesState>());
    }

    public double[][] Predict(SeriesPanel panel, int origin, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(horizons);
        var hs = horizons.ToArray();
        var result = new double[panel.Count][];
        Parallel.For(0, panel.Count, new ParallelOptions { CancellationToken = cancellationToken }, s =>
        {
            var output = new double[hs.Length];
            states.TryGetValue(panel.Series[s].Id, out var state);
            var (_, y) = Window(panel, s, origin, Options, state?.WindowStart);
            if (y.Length > 0)
            {
                EtsSnapshotFitter.Forecast(y, SeasonLength, state, Options, hs, output);
            }

            for (var i = 0; i < output.Length; i++)
            {
                output[i] = double.IsFinite(output[i]) ? output[i] : 0;
            }

            result[s] = output;
        });
        return result;
    }

    public IReadOnlyList<FeatureContribution> Explain(SeriesPanel panel, int series, int origin, int horizon, int top) => [];

    /// <summary>
    /// The fitted window of series <paramref name="s"/> ending at <paramref name="origin"/>: from <paramref name="start"/>
    /// when given (clamped to the panel), else as <see cref="LocalModel"/> and <see cref="EtsModel"/> build it — from the
    /// first observation, at most <see cref="EtsOptions.MaxHistory"/> steps. Empty when nothing is observed.
    /// </summary>
    private static (int Start, double[] Y) Window(SeriesPanel panel, int s, int origin, EtsOptions options, DateOnly? start)
    {
        var n = Math.Min(origin + 1, panel.Length);
        var first = -1;
        for (var t = 0; t < n && first < 0; t++)
        {
            first = double.IsNaN(panel.Observed(s, t)) ? -1 : t;
        }

        if (first < 0)
        {
            return (0, []);
        }

        var from = start is { } d
            ? Math.Clamp((d.DayNumber - panel.Start.DayNumber) / panel.Frequency.StepDays(), 0, n - 1)
            : Math.Max(first, n - options.MaxHistory);
        var y = new double[n - from];
        for (var t = 0; t < y.Length; t++)
        {
            y[t] = panel.Observed(s, from + t);
        }

        return (from, y);
    }
}
