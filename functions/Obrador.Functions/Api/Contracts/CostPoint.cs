namespace Obrador.Functions.Api.Contracts;

/// <summary>One day of a cost forecast, in the billing currency.</summary>
/// <param name="Date">Day, <c>yyyy-MM-dd</c>.</param>
/// <param name="P10">10th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
public sealed record CostPoint(string Date, double? P10, double? P50, double? P90);
