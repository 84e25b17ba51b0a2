using Obrador.Forecasting.Features;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models.Gbm;

/// <summary>The fitted per-horizon boosters of <see cref="GbmModel"/>.</summary>
internal sealed class GbmFittedModel : IFittedModel, IContinuableFit
{
    private readonly IReadOnlyList<string> featureNames;
    private readonly GbmOptions options;
    private readonly Dictionary<int, BoostedRegressor?> models;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SeriesPanel, FeatureBuilder> builders;

    public GbmFittedModel(string name, IReadOnlyList<string> featureNames, GbmOptions options, Dictionary<int, BoostedRegressor?> models)
        : this(name, featureNames, options, models, [])
    {
    }

    private GbmFittedModel(string name, IReadOnlyList<string> featureNames, GbmOptions options, Dictionary<int, BoostedRegressor?> models, System.Runtime.CompilerServices.ConditionalWeakTable<SeriesPanel, FeatureBuilder> builders)
    {
        this.builders = builders;
        Name = name;
        this.featureNames = featureNames;
        this.options = options;
        this.models = models;
        var gains = new double[featureNames.Count];
        foreach (var m in models.Values.OfType<BoostedRegressor>())
        {
            for (var f = 0; f < gains.Length; f++)
            {
                gains[f] += m.Gains[f];
            }
        }

        var total = gains.Sum();
        Importance = gains.Select((g, f) => new FeatureImportance(featureNames[f], g, total > 0 ? g / total : 0))
            .Where(x => x.Gain > 0).OrderByDescending(x => x.Gain).ToArray();
    }

    public string Name { get; }

    public IReadOnlyList<FeatureImportance> Importance { get; }

    /// <summary>Feature schema (names in column order) the boosters were trained on.</summary>
    public IReadOnlyList<string> FeatureNames => featureNames;

    /// <summary>The options (features, objective) the model was fitted with.</summary>
    public GbmOptions Options => options;

    /// <summary>Booster per horizon (null: no training row for that horizon).</summary>
    public IReadOnlyDictionary<int, BoostedRegressor?> Boosters => models;

    /// <summary>Trees kept per horizon after early stopping.</summary>
    public IReadOnlyDictionary<int, int> TreeCounts => models.ToDictionary(kv => kv.Key, kv => kv.Value?.Trees.Length ?? 0);

    public double[][] Predict(SeriesPanel panel, int origin, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default)
    {
        var features = Features(panel);
        var result = Enumerable.Range(0, panel.Count).Select(_ => new double[horizons.Count]).ToArray();
        var eligible = Enumerable.Range(0, panel.Count).Where(s => panel.FirstObserved[s] >= 0 && panel.FirstObserved[s] <= origin).ToArray();
        for (var i = 0; i < horizons.Count; i++)
        {
            if (!models.TryGetValue(horizons[i], out var model))
            {
                throw new ForecastException($"The model was not trained for horizon {horizons[i]}.");
            }

            if (model is null)
            {
                continue;
            }

            var rows = HorizonDataset.AtOrigin(features, panel, horizons[i], origin, eligible);
            var hi = i;
            Parallel.For(0, rows.Rows, new ParallelOptions { CancellationToken = cancellationToken }, r =>
            {
                var level = rows.Level[r];
                var p = level > 0 ? model.Predict(rows.X.AsSpan(r * rows.FeatureCount, rows.FeatureCount)) * level : 0;
                result[rows.Series[r]][hi] = double.IsFinite(p) ? p : 0;
            });
        }

        return result;
    }

    /// <summary>True when <see cref="GbmOptions.ContinueRounds"/> &gt; 0 and some horizon is refitted on all rows.</summary>
    public bool CanContinue => options.ContinueRounds > 0 && models.Any(kv => kv.Value is not null && Continued(kv.Key));

    /// <summary>
    /// The refitted horizons' boosters continued by <see cref="GbmOptions.ContinueRounds"/> rounds on every training row
    /// available at <paramref name="trainEnd"/>; the other horizons are shared unchanged.
    /// </summary>
    public IFittedModel ContinueTo(SeriesPanel panel, int trainEnd, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (!CanContinue)
        {
            return this;
        }

        var features = Features(panel);
        var next = new Dictionary<int, BoostedRegressor?>(models);
        foreach (var (h, model) in models)
        {
            if (model is not null && Continued(h))
            {
                var data = GbmModel.TrainingRows(features, panel, h, trainEnd, options);
                next[h] = data.Rows == 0 ? model : GbmModel.ContinueHorizon(data, model, options, cancellationToken);
            }
        }

        return new GbmFittedModel(Name, featureNames, options, next, builders);
    }

    public IReadOnlyList<FeatureContribution> Explain(SeriesPanel panel, int series, int origin, int horizon, int top)
    {
        if (!models.TryGetValue(horizon, out var model) || model is null)
        {
            return [];
        }

        var features = Features(panel);
        var rows = HorizonDataset.AtOrigin(features, panel, horizon, origin, [series]);
        var level = rows.Level[0];
        var row = rows.X.AsSpan(0, rows.FeatureCount);
        var c = model.Contributions(row);

        // Poisson contributions are in log space; a first-order conversion to units multiplies by the forecast.
        var unit = model.Objective == GbmObjective.Poisson ? model.Predict(row) * level : level;
        return c.Select((v, f) => new FeatureContribution(featureNames[f], v * unit))
            .Where(x => x.Contribution != 0)
            .OrderByDescending(x => Math.Abs(x.Contribution))
            .Take(top)
            .ToArray();
    }

    private bool Continued(int horizon) => options.RefitOnFullData || horizon <= options.RefitMaxHorizon;

    private FeatureBuilder Features(SeriesPanel panel)
    {
        var features = builders.GetValue(panel, p => new FeatureBuilder(p, options.Features));
        if (!features.Names.SequenceEqual(featureNames, StringComparer.Ordinal))
        {
            throw new ForecastException("The panel's covariates or attributes differ from the ones the model was trained on.");
        }

        return features;
    }
}
