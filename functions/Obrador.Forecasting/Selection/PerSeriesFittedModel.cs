using Obrador.Forecasting.Models;
using Obrador.Forecasting.Models.Ensemble;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Selection;

/// <summary>
/// The per-series champion: fitted candidates and, per series id and horizon, the candidate that forecasts it
/// (<see cref="PerSeriesSelector"/>). A series or horizon absent from the map uses the global champion. Thread-safe.
/// </summary>
internal sealed class PerSeriesFittedModel : IFittedModel
{
    /// <summary>The name reported for per-series selection.</summary>
    public const string ModelName = "per_series";

    private readonly Dictionary<string, int[]> choice;

    /// <param name="candidates">Fitted candidates (distinct names).</param>
    /// <param name="horizons">Horizons of the map's columns.</param>
    /// <param name="choice">Per series id, one candidate index per horizon.</param>
    /// <param name="champion">Index of the global champion (series absent from the map).</param>
    public PerSeriesFittedModel(IReadOnlyList<IFittedModel> candidates, IReadOnlyList<int> horizons, IReadOnlyDictionary<string, int[]> choice, int champion)
    {
        Candidates = candidates;
        Horizons = horizons;
        this.choice = new Dictionary<string, int[]>(choice, StringComparer.Ordinal);
        ChampionIndex = champion;
        var used = this.choice.Values.SelectMany(c => c).Append(champion).Distinct().Order();
        Importance = EnsembleFittedModel.Merge(used.Select(i => candidates[i].Importance));
    }

    public string Name => ModelName;

    public IReadOnlyList<FeatureImportance> Importance { get; }

    public IReadOnlyList<IFittedModel> Candidates { get; }

    public IReadOnlyList<int> Horizons { get; }

    public int ChampionIndex { get; }

    /// <summary>The map, series id → candidate index per horizon of <see cref="Horizons"/>.</summary>
    public IReadOnlyDictionary<string, int[]> Choice => choice;

    /// <summary>Name of the candidate that forecasts <paramref name="seriesId"/> at <paramref name="horizon"/>.</summary>
    public string ModelFor(string seriesId, int horizon) => Candidates[IndexFor(seriesId, horizon)].Name;

    public double[][] Predict(SeriesPanel panel, int origin, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(horizons);
        var index = panel.Series.Select(s => horizons.Select(h => IndexFor(s.Id, h)).ToArray()).ToArray();
        var parts = new double[Candidates.Count][][];
        foreach (var c in index.SelectMany(i => i).Distinct().Order())
        {
            parts[c] = Candidates[c].Predict(panel, origin, horizons, cancellationToken);
        }

        return Enumerable.Range(0, panel.Count).Select(s => Enumerable.Range(0, horizons.Count).Select(i => parts[index[s][i]][s][i]).ToArray()).ToArray();
    }

    public IReadOnlyList<FeatureContribution> Explain(SeriesPanel panel, int series, int origin, int horizon, int top) =>
        Candidates[IndexFor(panel.Series[series].Id, horizon)].Explain(panel, series, origin, horizon, top);

    private int IndexFor(string seriesId, int horizon)
    {
        var hi = -1;
        for (var i = 0; i < Horizons.Count; i++)
        {
            if (Horizons[i] == horizon)
            {
                hi = i;
            }
        }

        return hi >= 0 && choice.TryGetValue(seriesId, out var c) ? c[hi] : ChampionIndex;
    }
}
