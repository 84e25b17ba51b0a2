namespace Obrador.Pipeline.Stages.Models;

/// <summary>One forecast row of the <c>forecasts.json</c> artifact of a <c>forecast-sales</c> version.</summary>
/// <param name="StoreId">Store.</param>
/// <param name="ProductId">Product.</param>
/// <param name="Horizon">Days ahead of the origin.</param>
/// <param name="TargetDate">Forecast date.</param>
/// <param name="P10">10 % quantile.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90 % quantile.</param>
public sealed record ForecastArtifactRow(string StoreId, string ProductId, int Horizon, DateOnly TargetDate, double P10, double P50, double P90);

/// <summary>One accuracy row of the <c>accuracy.json</c> artifact: backtest metrics of one model at one horizon.</summary>
/// <param name="Model">Model name (e.g. <c>seasonal_naive</c>).</param>
/// <param name="Horizon">Horizon in days.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="Wmape">Weighted MAPE.</param>
/// <param name="Bias">Mean error.</param>
/// <param name="Mase">Mean absolute scaled error.</param>
/// <param name="Coverage">Share of actuals inside [P10, P90].</param>
public sealed record AccuracyArtifactRow(string Model, int Horizon, double Mae, double Rmse, double Wmape, double Bias, double Mase, double Coverage);
