namespace Obrador.Functions.Api.Contracts;

/// <summary>One quantile forecast: units of <paramref name="Product"/> sold on <paramref name="Date"/>, made <paramref name="Horizon"/> days ahead.</summary>
/// <param name="Product">Product id.</param>
/// <param name="Date">Target date (store-local calendar day).</param>
/// <param name="Horizon">Days ahead the forecast was made: 1, 7 or 28.</param>
/// <param name="P10">10th percentile, units.</param>
/// <param name="P50">Median, units.</param>
/// <param name="P90">90th percentile, units.</param>
public sealed record ForecastPoint(string Product, string Date, int Horizon, double? P10, double? P50, double? P90);
