using Obrador.Forecasting.Features;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models.Gbm;

/// <summary>
/// Global gradient-boosted tree model trained across all series, one model per horizon (direct multi-horizon
/// strategy; Taieb et al. 2012, "A review and comparison of strategies for multi-step ahead time series forecasting",
/// Expert Syst. Appl. 39(8)), the approach of the M5 winners (Makridakis et al. 2022, "M5 accuracy competition",
/// IJF 38(4)).
/// </summary>
/// <remarks>
/// <para>For horizon h the row of (series s, origin t) holds features of <see cref="FeatureOptions"/> computed from
/// columns ≤ t only, and the target y_{t+h} / level_{s,t}, where level is the recent mean (28 days / 13 weeks); the
/// forecast is the prediction × level. Scaling makes the model scale-free across series; weighting rows by level
/// (<see cref="GbmOptions.WeightByLevel"/>) aligns the loss with wMAPE.</para>
/// <para>Trees: see <see cref="GbmOptions"/>; early stopping on the most recent <see cref="GbmOptions.ValidationFraction"/>
/// of origins (time-ordered); the model keeps the best round (optionally refitted on all rows,
/// <see cref="GbmOptions.RefitOnFullData"/>, or only for short horizons, <see cref="GbmOptions.RefitMaxHorizon"/>); rows may
/// be weighted towards recent origins (<see cref="GbmOptions.RecencyHalfLife"/>). A series whose level is 0 (all-zero or no history)
/// forecasts 0.</para>
/// </remarks>
public sealed class GbmModel : IForecastModel
{
    /// <summary>The default model name.</summary>
    public const string DefaultName = "gbm";

    /// <summary>The name <see cref="ForecastEngine"/> gives its second, absolute-error GBM (<see cref="ForecastEngineOptions.GbmMedian"/>).</summary>
    public const string MedianName = "gbm_l1";

    private readonly GbmOptions options;

    /// <summary>Creates the model; validates <paramref name="options"/>.</summary>
    /// <param name="options">Hyperparameters and features (defaults when null).</param>
    /// <param name="name">Name reported in backtests and model versions (default <see cref="DefaultName"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or an option is out of range.</exception>
    public GbmModel(GbmOptions? options = null, string name = DefaultName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        this.options = options ?? new GbmOptions();
        this.options.Validate();
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IFittedModel Fit(SeriesPanel panel, int trainEnd, IReadOnlyList<int> horizons, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(horizons);
        var features = new FeatureBuilder(panel, options.Features);
        var models = new Dictionary<int, BoostedRegressor?>();
        foreach (var h in horizons)
        {
            var data = TrainingRows(features, panel, h, trainEnd, options);
            models[h] = data.Rows == 0 ? null : FitHorizon(data, options, cancellationToken);
        }

        return new GbmFittedModel(Name, features.Names, options, models);
    }

    /// <summary>Time-ordered split and boosting for one horizon's rows.</summary>
    internal static BoostedRegressor FitHorizon(HorizonDataset data, GbmOptions options, CancellationToken ct)
    {
        var refit = options.RefitOnFullData || data.Horizon <= options.RefitMaxHorizon;
        var share = refit ? options.RefitValidationFraction ?? options.ValidationFraction : options.ValidationFraction;
        var origins = data.Origin.Distinct().Order().ToArray();
        var cut = origins.Length < 10 || share == 0
            ? int.MaxValue
            : origins[(int)(origins.Length * (1 - share))];
        var train = Enumerable.Range(0, data.Rows).Where(i => data.Origin[i] < cut).ToArray();
        var valid = Enumerable.Range(0, data.Rows).Where(i => data.Origin[i] >= cut).ToArray();
        var w = RowWeights(data, options);
        var model = BoostedRegressor.Fit(data.X, data.FeatureCount, data.Y, w, train, valid, options, ct);
        if (!refit || valid.Length == 0)
        {
            return model;
        }

        // Same number of rounds, scaled up by the extra data (≈ 1/(1 − validation share)), on every row.
        var rounds = Math.Max(1, (int)Math.Round(model.Trees.Length * data.Rows / (double)Math.Max(1, train.Length)));
        var all = Enumerable.Range(0, data.Rows).ToArray();
        return BoostedRegressor.Fit(data.X, data.FeatureCount, data.Y, w, all, [], options with { MaxIterations = Math.Min(rounds, options.MaxIterations) }, ct);
    }

    /// <summary>
    /// Training rows of horizon <paramref name="horizon"/> at <paramref name="trainEnd"/>, as <see cref="Fit"/> builds
    /// them (<see cref="GbmOptions.MaxTrainingOrigins"/> applied).
    /// </summary>
    internal static HorizonDataset TrainingRows(FeatureBuilder features, SeriesPanel panel, int horizon, int trainEnd, GbmOptions options)
    {
        var minOrigin = options.MaxTrainingOrigins is { } m ? trainEnd - horizon - m + 1 : 0;
        return HorizonDataset.Training(features, panel, horizon, trainEnd, minOrigin);
    }

    /// <summary>
    /// <see cref="GbmOptions.ContinueRounds"/> extra rounds of <paramref name="model"/> on every row of
    /// <paramref name="data"/> (same row weights as a fit).
    /// </summary>
    internal static BoostedRegressor ContinueHorizon(HorizonDataset data, BoostedRegressor model, GbmOptions options, CancellationToken ct) =>
        model.Continue(data.X, data.FeatureCount, data.Y, RowWeights(data, options), Enumerable.Range(0, data.Rows).ToArray(), options.ContinueRounds, options, ct);

    /// <summary>Row weights: series level (<see cref="GbmOptions.WeightByLevel"/>) × time decay (<see cref="GbmOptions.RecencyHalfLife"/>).</summary>
    internal static double[] RowWeights(HorizonDataset data, GbmOptions options)
    {
        var w = options.WeightByLevel ? (double[])data.Level.Clone() : Enumerable.Repeat(1.0, data.Rows).ToArray();
        if (options.RecencyHalfLife is { } halfLife && data.Rows > 0)
        {
            var newest = data.Origin.Max();
            for (var i = 0; i < w.Length; i++)
            {
                w[i] *= Math.Pow(2, -(newest - data.Origin[i]) / halfLife);
            }
        }

        return w;
    }
}
