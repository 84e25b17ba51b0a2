using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Models.Ets;

/// <summary>
/// Exponential smoothing in state-space form with automatic choice of the form by AICc, fitted per series.
/// </summary>
/// <remarks>
/// <para>Source: Hyndman, Koehler, Ord &amp; Snyder (2008), <i>Forecasting with Exponential Smoothing: The State Space
/// Approach</i>, Springer; Table 2.1 (forms), §2.5 (damped trend), §5.2 (likelihood), §7.1 (AICc selection).</para>
/// <para>Additive-error recursions, with e_t = y_t − (ℓ_{t−1} + φb_{t−1} + s_{t−m}):
/// ℓ_t = ℓ_{t−1} + φb_{t−1} + αe_t; b_t = φb_{t−1} + βe_t; s_t = s_{t−m} + γe_t;
/// forecast ŷ_{T+h} = ℓ_T + (φ + … + φ^h) b_T + s_{T+h−m⌈h/m⌉}. Missing steps (NaN, closed days) propagate the state
/// with e = 0 and are left out of the likelihood.</para>
/// <para>Each candidate form is fitted by maximum likelihood jointly over the smoothing parameters and the initial states,
/// as statsmodels' <c>initialization_method="estimated"</c> does: the initial states (ℓ₀, b₀, and the m seasonal states
/// constrained to sum to 0, i.e. m − 1 free, when m ≤ <see cref="EtsOptions.MaxEstimatedSeasonLength"/>) enter the SSE
/// quadratically and are concentrated out by least squares (<see cref="EtsFitter"/>); (α, β, γ, φ) are searched by a grid
/// and bounded BFGS-B with the exact gradient (<see cref="EtsOptimizer"/>). Bounds: 0 &lt; α &lt; 1, 0 ≤ β ≤ α,
/// 0 ≤ γ ≤ 1 − α (the "usual" region, ch. 10), φ ∈ [<see cref="EtsOptions.PhiMin"/>, <see cref="EtsOptions.PhiMax"/>].
/// AICc = n·ln(SSE/n) + 2(k+1) + 2(k+1)(k+2)/(n−k−2) with k = smoothing parameters + φ + ℓ₀ + b₀ + (m − 1) (the +1 is
/// σ², as in Hyndman's forecast package). Forms with n − k − 2 ≤ 0 are skipped; with fewer than 3 observations the
/// forecast is their mean; an all-zero history forecasts 0.</para>
/// </remarks>
public sealed class EtsModel : LocalModel
{
    private readonly EtsOptions options;

    /// <summary>Creates the model; validates <paramref name="options"/>.</summary>
    public EtsModel(EtsOptions? options = null)
    {
        this.options = options ?? new EtsOptions();
        this.options.Validate();
    }

    /// <inheritdoc />
    public override string Name => "ets";

    /// <inheritdoc />
    protected override int SeasonLength(Frequency frequency) => options.SeasonLength ?? frequency.DefaultSeasonLength();

    /// <inheritdoc />
    protected internal override void Forecast(ReadOnlySpan<double> history, int seasonLength, ReadOnlySpan<int> horizons, Span<double> output)
    {
        var y = history[Math.Max(0, history.Length - options.MaxHistory)..].ToArray();
        var (form, theta, offsets) = Select(y, seasonLength, options);
        if (form is { } f)
        {
            CreateFitter(y, seasonLength, f, options).Forecast(theta, offsets, horizons, output);
            return;
        }

        var observed = y.Where(v => !double.IsNaN(v)).ToArray();
        output.Fill(observed.Length == 0 ? 0 : observed.Average());
    }

    /// <summary>
    /// Fits every form of <paramref name="options"/> to the window <paramref name="y"/> and returns the AICc choice with
    /// its parameters θ and least-squares initial-state offsets; (null, [], []) means the constant fallback (fewer than 3
    /// observations, a constant history, or no admissible form). Shared with the stored-model path (EtsSnapshot).
    /// </summary>
    internal static (EtsForm? Form, double[] Theta, double[] Offsets) Select(double[] y, int seasonLength, EtsOptions options)
    {
        var observed = y.Where(v => !double.IsNaN(v)).ToArray();
        if (observed.Length < 3 || observed.All(v => v == observed[0]))
        {
            return (null, [], []);
        }

        var bestAicc = double.PositiveInfinity;
        (EtsForm? Form, double[] Theta, double[] Offsets) best = (null, [], []);
        foreach (var form in options.Forms)
        {
            var seasonal = form is EtsForm.Ana or EtsForm.Aaa or EtsForm.AadA;
            if (seasonal && y.Length < 2 * seasonLength)
            {
                continue;
            }

            var fitter = CreateFitter(y, seasonLength, form, options);
            var n = fitter.Observed;
            var k = fitter.ParameterCount;
            if (n - k - 2 <= 0)
            {
                continue;
            }

            var (theta, offsets, sse) = EtsOptimizer.Fit(fitter, options.MaxEvaluations);
            if (!double.IsFinite(sse))
            {
                continue;
            }

            var aic = (n * Math.Log(Math.Max(sse, 1e-300) / n)) + (2.0 * (k + 1));
            var aicc = aic + (2.0 * (k + 1) * (k + 2) / (n - k - 2));
            if (aicc < bestAicc)
            {
                bestAicc = aicc;
                best = (form, theta, offsets);
            }
        }

        return best;
    }

    /// <summary>The fitter of <paramref name="form"/> on window <paramref name="y"/> with the options' bounds and state estimation.</summary>
    internal static EtsFitter CreateFitter(double[] y, int seasonLength, EtsForm form, EtsOptions options) =>
        new(y, seasonLength, form, options.PhiMin, options.PhiMax, seasonLength <= options.MaxEstimatedSeasonLength);
}
