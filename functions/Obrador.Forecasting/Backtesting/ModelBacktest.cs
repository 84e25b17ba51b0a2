using Obrador.Forecasting.Metrics;
using Obrador.Forecasting.Models;

namespace Obrador.Forecasting.Backtesting;

/// <summary>Backtest result of one model: metrics per horizon, aggregated and per series, and its interval calibration.</summary>
public sealed record ModelBacktest
{
    /// <summary>Model name.</summary>
    public required string Model { get; init; }

    /// <summary>Metrics over all series and origins, by horizon (steps). Coverage is leave-one-origin-out conformal.</summary>
    public required IReadOnlyDictionary<int, MetricSet> ByHorizon { get; init; }

    /// <summary>Metrics per series id, then by horizon.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<int, MetricSet>> BySeries { get; init; }

    /// <summary>Conformal quantiles of scaled residuals per horizon, from all origins (used for prediction intervals).</summary>
    public required IReadOnlyDictionary<int, IntervalCalibration> Calibration { get; init; }

    /// <summary>Gain importance of the model fitted at the last origin (empty for models without features).</summary>
    public IReadOnlyList<FeatureImportance> Importance { get; init; } = [];

    /// <summary>Mean wMAPE over the horizons (the champion criterion), percent.</summary>
    public double MeanWmape => ByHorizon.Values.Select(m => m.Wmape).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();

    /// <summary>Wall time spent fitting and predicting this model over all origins.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Point forecasts [origin][series][horizon index] of the backtest (after clipping), for combinations.</summary>
    internal double[][][] Predictions { get; init; } = [];
}
