namespace Obrador.Forecasting.Models;

/// <summary>Gain importance of one feature: the total loss reduction of the splits on it.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Gain">Summed split gain (objective units).</param>
/// <param name="Share">Gain / total gain, in [0, 1].</param>
public sealed record FeatureImportance(string Feature, double Gain, double Share);
