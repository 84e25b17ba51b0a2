namespace Obrador.FinOps.Synthetic;

/// <summary>An anomaly the generator injected, with its known position (ground truth for evaluation).</summary>
/// <param name="Scope">Resource-group scope key, as in <c>daily_cost</c>.</param>
/// <param name="Kind">What was injected.</param>
/// <param name="FirstDay">Index of the first affected day.</param>
/// <param name="LastDay">Index of the last affected day (inclusive).</param>
/// <param name="Magnitude">Relative size vs the scope's clean cost (e.g. 1.5 = +150%, −0.6 = −60%; for drifts, the final step).</param>
public sealed record InjectedAnomaly(string Scope, AnomalyKind Kind, int FirstDay, int LastDay, double Magnitude);
