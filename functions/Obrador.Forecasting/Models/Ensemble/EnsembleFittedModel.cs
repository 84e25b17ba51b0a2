using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models.Ensemble;

/// <summary>The fitted members of an <see cref="EnsembleModel"/> and their weights per horizon.</summary>
internal sealed class EnsembleFittedModel : IFittedModel
{
    private readonly IFittedModel[] members;
    private readonly Func<int, IReadOnlyList<double>> weightsFor;
    private readonly bool nonNegative;

    public EnsembleFittedModel(string name, IFittedModel[] members, Func<int, IReadOnlyList<double>> weightsFor, bool nonNegative)
    {
        Name = name;
        this.members = members;
        this.weightsFor = weightsFor;
        this.nonNegative = nonNegative;
        Importance = Merge(members.Select(m => m.Importance));
    }

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
            var w = weightsFor(horizons[i]);
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
        var w = weightsFor(horizon);
        return members.SelectMany((m, i) => w[i] == 0 ? [] : m.Explain(panel, series, origin, horizon, int.MaxValue).Select(c => (c.Feature, Value: c.Contribution * w[i])))
            .GroupBy(x => x.Feature, StringComparer.Ordinal)
            .Select(g => new FeatureContribution(g.Key, g.Sum(x => x.Value)))
            .Where(c => c.Contribution != 0)
            .OrderByDescending(c => Math.Abs(c.Contribution))
            .Take(top)
            .ToArray();
    }
}
