using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Models;
using Obrador.Forecasting.Models.Ensemble;
using Obrador.Forecasting.Models.Ets;
using Obrador.Forecasting.Models.Gbm;
using Obrador.Forecasting.Selection;

namespace Obrador.Forecasting;

/// <summary>Configuration of <see cref="ForecastEngine"/>: horizons, backtest design and the competing models.</summary>
public sealed record ForecastEngineOptions
{
    /// <summary>Model family name, the prefix of model versions (e.g. <c>sales</c>, <c>cost</c>). Default <c>sales</c>.</summary>
    public string Family { get; init; } = "sales";

    /// <summary>Horizons in steps of the panel's frequency. Default D+1, D+7, D+28.</summary>
    public IReadOnlyList<int> Horizons { get; init; } = [1, 7, 28];

    /// <summary>Rolling-origin design used for model selection and interval calibration.</summary>
    public BacktestOptions Backtest { get; init; } = new();

    /// <summary>Seasonal naive, always evaluated as the floor. Default options.</summary>
    public SeasonalNaiveOptions SeasonalNaive { get; init; } = new();

    /// <summary>Moving average; null disables it. Default options.</summary>
    public MovingAverageOptions? MovingAverage { get; init; } = new();

    /// <summary>ETS with AICc selection; null disables it. Default options.</summary>
    public EtsOptions? Ets { get; init; } = new();

    /// <summary>Global gradient-boosted trees; null disables it. Default options.</summary>
    public GbmOptions? Gbm { get; init; } = new();

    /// <summary>
    /// A second global GBM reported as <c>gbm_l1</c>, which must use <see cref="GbmObjective.AbsoluteError"/>: it forecasts
    /// the conditional median, the wMAPE-optimal point forecast (Gneiting 2011, "Making and evaluating point
    /// forecasts", JASA 106(494)), where <see cref="Gbm"/> forecasts the mean. It competes like every model and may be
    /// an <see cref="Ensemble"/> member. Null disables it. Default null.
    /// </summary>
    public GbmOptions? GbmMedian { get; init; }

    /// <summary>
    /// Forecast combination of the named members with per-horizon weights chosen on past backtest origins
    /// (<see cref="EnsembleModel"/>); null disables it; it is skipped when a member model is disabled. Default options (GBM + ETS).
    /// </summary>
    public EnsembleOptions? Ensemble { get; init; } = new();

    /// <summary>
    /// Per-series selection among the models (and the combination), reported as <c>per_series</c> and used as the
    /// champion when its out-of-sample backtest beats the global champion's; null disables it. Default options.
    /// </summary>
    public PerSeriesOptions? PerSeries { get; init; } = new();

    /// <summary>Additional caller-supplied models (evaluated after the built-in ones); not part of the JSON configuration.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<IForecastModel> CustomModels { get; init; } = [];

    /// <summary>Clip forecasts and intervals at 0 (sales, costs). Default true.</summary>
    public bool NonNegative { get; init; } = true;

    /// <summary>Number of top contributing features attached to each forecast (0 = none). Default 3.</summary>
    public int TopFeatures { get; init; } = 3;

    /// <summary>Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/> on invalid settings.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Family))
        {
            throw new ArgumentException("Family is required.", nameof(Family));
        }

        if (Horizons is null || Horizons.Count == 0 || Horizons.Any(h => h < 1) || Horizons.Distinct().Count() != Horizons.Count)
        {
            throw new ArgumentException("Horizons must be distinct positive step counts.", nameof(Horizons));
        }

        Backtest.Validate();
        SeasonalNaive.Validate();
        MovingAverage?.Validate();
        Ets?.Validate();
        Gbm?.Validate();
        GbmMedian?.Validate();
        if (GbmMedian is { Objective: not GbmObjective.AbsoluteError })
        {
            throw new ArgumentException("GbmMedian must use the AbsoluteError objective.", nameof(GbmMedian));
        }

        Ensemble?.Validate();
        PerSeries?.Validate();
        Guard.AtLeast(TopFeatures, 0);
    }
}
