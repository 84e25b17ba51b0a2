namespace Obrador.Forecasting.Models;

/// <summary>How much one feature moved one forecast (Saabas path attribution), in the series' unit.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Contribution">Signed change of the forecast attributed to the feature.</param>
public sealed record FeatureContribution(string Feature, double Contribution);
