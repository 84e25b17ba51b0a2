using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Models;

namespace Obrador.Forecasting;

/// <summary>The champion model fitted on all data up to <see cref="TrainEnd"/>, with its interval calibration and the backtest that chose it.</summary>
public sealed record TrainedForecaster
{
    /// <summary>Model family (see <see cref="ForecastEngineOptions.Family"/>).</summary>
    public required string Family { get; init; }

    /// <summary>Deterministic version: <c>{family}-{model}-{trainEnd:yyyyMMdd}-{hash}</c>; the hash covers the training data and settings.</summary>
    public required string Version { get; init; }

    /// <summary>First date of the training data (the panel's start).</summary>
    public DateOnly TrainStart { get; init; }

    /// <summary>Last date of training data.</summary>
    public required DateOnly TrainEnd { get; init; }

    /// <summary>Horizons the model serves, in steps.</summary>
    public required IReadOnlyList<int> Horizons { get; init; }

    /// <summary>The fitted champion.</summary>
    public required IFittedModel Model { get; init; }

    /// <summary>Conformal calibration per horizon (from the champion's backtest residuals).</summary>
    public required IReadOnlyDictionary<int, IntervalCalibration> Calibration { get; init; }

    /// <summary>The backtest used for selection and calibration.</summary>
    public required BacktestReport Backtest { get; init; }
}
