using Obrador.Forecasting.Models.Ets;

namespace Obrador.Forecasting.Models.EtsSnapshot;

/// <summary>
/// Fits one series' ETS exactly as <see cref="EtsModel"/> does (same window, forms, estimator and AICc rule;
/// Hyndman et al. 2008, §7.1) but keeps the chosen form and parameters instead of only the forecast, so a trained
/// model can be stored and scored without re-estimating. A test checks its forecasts equal <see cref="EtsModel"/>'s.
/// </summary>
internal static class EtsSnapshotFitter
{
    /// <summary>
    /// The chosen form, parameters θ and least-squares initial-state offsets for <paramref name="y"/> (the window: at most
    /// <see cref="EtsOptions.MaxHistory"/> steps, starting at an observation), or (null, [], []) for the constant
    /// fallback: <see cref="EtsModel"/>'s own selection. This and <see cref="Forecast"/> are the only code here that
    /// knows the estimator's API.
    /// </summary>
    public static (EtsForm? Form, double[] Theta, double[] Offsets) Fit(double[] y, int seasonLength, EtsOptions options) =>
        EtsModel.Select(y, seasonLength, options);

    /// <summary>Forecasts from a stored state over window <paramref name="y"/> (filtering only, no optimisation).</summary>
    public static void Forecast(double[] y, int seasonLength, EtsSeriesState? state, EtsOptions options, ReadOnlySpan<int> horizons, Span<double> output)
    {
        if (state?.Form is { } f)
        {
            EtsModel.CreateFitter(y, seasonLength, f, options).Forecast(state.Theta, state.Offsets, horizons, output);
            return;
        }

        // LINQ's Average, as EtsModel's fallback, so the sums are bit-identical.
        var observed = y.Where(v => !double.IsNaN(v)).ToArray();
        output.Fill(observed.Length == 0 ? 0 : observed.Average());
    }
}
