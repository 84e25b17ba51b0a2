using Obrador.Forecasting.Models.Ets;

namespace Obrador.Forecasting.Models.EtsSnapshot;

/// <summary>
/// The fitted ETS of one series at the training end: the AICc-chosen form and its optimised parameter vector, or the
/// documented constant fallback (fewer than 3 observations, a constant history, or no admissible form).
/// </summary>
/// <param name="SeriesId">Series id.</param>
/// <param name="WindowStart">First date of the fitted window (the series' first observation or, with a long history,
/// the training end − <see cref="EtsOptions.MaxHistory"/> + 1); forecasts filter from here to the origin.</param>
/// <param name="Form">Chosen form; null = the constant fallback (the mean of the observed window).</param>
/// <param name="Theta">The estimator's parameter vector for <see cref="EtsFitter"/>: (α, β/α, γ/(1−α), φ), components the
/// form lacks omitted; empty for the fallback.</param>
/// <param name="Offsets">Least-squares initial-state offsets from the heuristic start (ℓ₀, b₀, m − 1 seasonal when
/// estimated), concentrated out of the likelihood by the estimator; empty for the fallback.</param>
internal sealed record EtsSeriesState(string SeriesId, DateOnly WindowStart, EtsForm? Form, double[] Theta, double[] Offsets);
