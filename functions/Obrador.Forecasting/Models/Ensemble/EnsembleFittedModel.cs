using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models.Ensemble;

/// <summary>The fitted members of an <see cref="EnsembleModel"/> and their weights per horizon.</summary>
internal sealed class EnsembleFittedModel : IFittedModel
{
    private readonly IFittedModel[] members;
    private readonly IReadOnlyDictionary<int, IReadOnlyList<double>> weights;
    private readonly bool nonNegative;

    /// <param name="name">Reported name.</param>
    /// <param name="members">Fitted members.</param>
    /// <param name="weights">Per horizon, one weight per member (a horizon absent: equal weights).</param>
    /// <param name="nonNegative">Clip member forecasts at 0 before combining.</param>
    public EnsembleFittedModel(string name, IFittedModel[] members, IReadOnlyDictionary<int, IReadOnlyList<double>> weights, bool nonNegative)
    {
        Name = name;
        this.members = members;
        this.weights = weights;
        this.nonNegative = nonNegative;
        Importance = Merge(members.Select(m => m.Importance));
    }

    public IReadOnlyList<IFittedModel> Members => members;

    public IReadOnlyDictionary<int, IReadOnlyList<double>> Weights => weights;

    public bool NonNegative => nonNegative;

    /// <summary>Members' importances merged per feature: gains summed, shares averaged over the members that have features.</summary>
    public static IReadOnlyList<FeatureImportance> Merge(IEnumerable<IReadOnlyList<FeatureImportance>> importances)
    {
        var withFeatures = importances.Where(i => i.Count > 0).ToArray();
        return withFeatures.SelectMany(i => i)
            .GroupBy(f => f.Feature, StringComparer.Ordinal)
            .Select(g => new FeatureImportance(g.Key, g.Sum(f => f.Gain), g.Sum(f => f.Share) / withFeatures.Length))
            .OrderByDescending(f => f.Share)
            .ToArray();
    }

    public string Name { get; }

    /// <summary>The weights of <paramref name="horizon"/> (equal weights when none were given).</summary>
    public IReadOnlyList<double> WeightsFor(int horizon) =>
        weights.TryGetValue(horizon, out var w) ? w : Enumerable.Repeat(1.0 / members.Length, members.Length).ToArray();

    /// <summary>Importance of the members with features (their shares averaged, so the shares sum to 1).</summary>
    public IReadOnlyList<FeatureImportance> Importance { get; }

    public double[][] Predict(SeriesPanel panel, int origin, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default)
    {
        var parts = members.Select(m => m.Predict(panel, origin, horizons, cancellationToken)).ToArray();
        var result = new double[panel.Count][];
        for (var s = 0; s < panel.Count; s++)
        {
            result[s] = new double[horizons.Count];
        }

        for (var i = 0; i < horizons.Count; i++)
        {
            var w = WeightsFor(horizons[i]);
            for (var s = 0; s < panel.Count; s++)
            {
                double sum = 0;
                for (var m = 0; m < parts.Length; m++)
                {
                    var v = parts[m][s][i];
                    sum += w[m] * (nonNegative ? Math.Max(0, v) : v);
                }

                result[s][i] = double.IsFinite(sum) ? sum : 0;
            }
        }

        return result;
    }

    /// <summary>Members' contributions scaled by their weight at <paramref name="horizon"/>, summed per feature.</summary>
    public IReadOnlyList<FeatureContribution> Explain(SeriesPanel panel, int series, int origin, int horizon, int top)
    {
        var w = WeightsFor(horizon);
        return members.SelectMany((m, i) => w[i] == 0 ? [] : m.Explain(panel, series, origin, horizon, int.MaxValue).Select(c => (c.Feature, Value: c.Contribution * w[i])))
            .GroupBy(x => x.Feature, StringComparer.Ordinal)
            .Select(g => new FeatureContribution(g.Key, g.Sum(x => x.Value)))
            .Where(c => c.Contribution != 0)
            .OrderByDescending(c => Math.Abs(c.Contribution))
            .Take(top)
            .ToArray();
    }
}
