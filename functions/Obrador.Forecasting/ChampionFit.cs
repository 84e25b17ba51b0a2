using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Models;
using Obrador.Forecasting.Models.Ensemble;
using Obrador.Forecasting.Models.Ets;
using Obrador.Forecasting.Models.EtsSnapshot;
using Obrador.Forecasting.Selection;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting;

/// <summary>Fits the backtest's champion for <see cref="ForecastEngine.Train"/>.</summary>
internal static class ChampionFit
{
    /// <summary>
    /// Fits the champion on columns ≤ <paramref name="endIndex"/>: one model, the combination (members with the
    /// backtest's final weights) or, for <c>per_series</c>, every model the selection uses, each fitted once.
    /// </summary>
    public static IFittedModel Fit(ForecastEngineOptions options, IReadOnlyList<IForecastModel> models, SeriesPanel panel, int endIndex, BacktestReport report, CancellationToken ct)
    {
        var cache = new Dictionary<string, IFittedModel>(StringComparer.Ordinal);
        IFittedModel Fit(string name)
        {
            if (cache.TryGetValue(name, out var f))
            {
                return f;
            }

            if (name == EnsembleModel.ModelName)
            {
                var members = options.Ensemble!.Members.Select(Fit).ToArray();
                var weights = options.Horizons.ToDictionary(h => h, h => report.EnsembleWeights.TryGetValue(h, out var w) ? w : Enumerable.Repeat(1.0 / members.Length, members.Length).ToArray());
                f = new EnsembleFittedModel(EnsembleModel.ModelName, members, weights, options.NonNegative);
            }
            else
            {
                // ETS is fitted here and frozen (form + parameters per series) so the trained model can be stored and scored without re-estimating.
                var model = models.First(m => m.Name == name);
                f = model is EtsModel ? EtsSnapshotModel.Fit(name, panel, endIndex, options.Ets!, ct) : model.Fit(panel, endIndex, options.Horizons, ct);
            }

            cache[name] = f;
            return f;
        }

        if (report.Champion != PerSeriesFittedModel.ModelName)
        {
            return Fit(report.Champion);
        }

        var used = report.SeriesChampions.Values.SelectMany(m => m.Values).Prepend(report.GlobalChampion).Distinct(StringComparer.Ordinal).ToList();
        var candidates = used.Select(Fit).ToArray();
        var horizons = options.Horizons;
        var choice = report.SeriesChampions.ToDictionary(kv => kv.Key, kv => horizons.Select(h => used.IndexOf(kv.Value.TryGetValue(h, out var n) ? n : report.GlobalChampion)).ToArray(), StringComparer.Ordinal);
        return new PerSeriesFittedModel(candidates, horizons, choice, 0);
    }
}
