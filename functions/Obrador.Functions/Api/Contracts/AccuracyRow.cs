namespace Obrador.Functions.Api.Contracts;

/// <summary>Backtest metrics of one model at one horizon (see the forecasting docs for definitions).</summary>
/// <param name="Model">Model name.</param>
/// <param name="Horizon">Days ahead.</param>
/// <param name="Mae">Mean absolute error, units.</param>
/// <param name="Rmse">Root mean squared error, units.</param>
/// <param name="Wmape">Weighted MAPE, fraction.</param>
/// <param name="Bias">Mean signed error relative to actuals, fraction.</param>
/// <param name="Mase">Mean absolute scaled error (Hyndman and Koehler 2006).</param>
/// <param name="Coverage">Share of actuals inside the P10–P90 band.</param>
public sealed record AccuracyRow(string Model, int Horizon, double? Mae, double? Rmse, double? Wmape, double? Bias, double? Mase, double? Coverage);
