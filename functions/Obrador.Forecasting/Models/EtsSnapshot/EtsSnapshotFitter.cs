using Obrador.Forecasting.Models.Ets;

namespace Obrador.Forecasting.Models.EtsSnapshot;

/// <summary>
/// Fits one series' ETS exactly as <see cref="EtsModel"/> does (same window, forms, Nelder-Mead budget and AICc rule;
/// Hyndman et al. 2008, §7.1) but keeps the chosen form and parameters instead of only the forecast, so a trained
/// model can be stored and scored without re-estimating. A test checks its forecasts equal <see cref="EtsModel"/>'s.
/// </summary>
internal static class EtsSnapshotFitter
{
    /// <summary>
    /// The chosen form and parameters for <paramref name="y"/> (the window: at most <see cref="EtsOptions.MaxHistory"/>
    /// steps, starting at an observation), or (null, [], []) for the constant fallback. This and <see cref="Forecast"/>
    /// are the only code that knows the estimator's API.
    /// </summary>
    public static (EtsForm? Form, double[] Theta, double[] Offsets) Fit(double[] y, int seasonLength, EtsOptions options)
    {
        var observed = y.Where(v => !double.IsNaN(v)).ToArray();
        if (observed.Length < 3 || observed.All(v => v == observed[0]))
        {
            return (null, [], []);
        }

        var bestAicc = double.PositiveInfinity;
        EtsForm? bestForm = null;
        double[] bestX = [];
        foreach (var form in options.Forms)
        {
            var seasonal = form is EtsForm.Ana or EtsForm.Aaa or EtsForm.AadA;
            if (seasonal && y.Length < 2 * seasonLength)
            {
                continue;
            }

            var fitter = new EtsFitter(y, seasonLength, form, options.PhiMin, options.PhiMax);
            var n = fitter.Observed;
            var k = fitter.ParameterCount;
            if (n - k - 2 <= 0)
            {
                continue;
            }

            var (x, sse) = NelderMead.Minimize(fitter.Sse, fitter.Start(), 0.5, options.MaxEvaluations, 1e-8);
            if (!double.IsFinite(sse))
            {
                continue;
            }

            var aic = (n * Math.Log(Math.Max(sse, 1e-300) / n)) + (2.0 * (k + 1));
            var aicc = aic + (2.0 * (k + 1) * (k + 2) / (n - k - 2));
            if (aicc < bestAicc)
            {
                bestAicc = aicc;
                bestForm = form;
                bestX = x;
            }
        }

        return (bestForm, bestX, []);
    }

    /// <summary>Forecasts from a stored state over window <paramref name="y"/> (filtering only, no optimisation).</summary>
    public static void Forecast(double[] y, int seasonLength, EtsSeriesState? state, EtsOptions options, ReadOnlySpan<int> horizons, Span<double> output)
    {
        if (state?.Form is { } f)
        {
            new EtsFitter(y, seasonLength, f, options.PhiMin, options.PhiMax).Forecast(state.Theta, horizons, output);
            return;
        }

        // LINQ's Average, as EtsModel's fallback, so the sums are bit-identical.
        var observed = y.Where(v => !double.IsNaN(v)).ToArray();
        output.Fill(observed.Length == 0 ? 0 : observed.Average());
    }
}
