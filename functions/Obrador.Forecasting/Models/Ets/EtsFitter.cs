namespace Obrador.Forecasting.Models.Ets;

/// <summary>
/// Fits one additive-error ETS form to one series by minimising the sum of squared one-step errors (the Gaussian
/// likelihood of Hyndman et al. 2008, eq. 5.2, concentrated in σ²) jointly over the smoothing parameters and the
/// initial states, and forecasts from the final state.
/// </summary>
/// <remarks>
/// The additive forms are linear innovations models (Hyndman et al. 2008, ch. 3): given (α, β, γ, φ) the state evolves as
/// x_t = D x_{t−1} + g y_t with D = F − g w′, so every one-step error is affine in the initial state x₀ and the SSE is a
/// quadratic in x₀. The initial states (ℓ₀, b₀ and the m seasonal states constrained to sum to 0, i.e. m − 1 free) are
/// therefore concentrated out exactly by linear least squares for each candidate (α, β, γ, φ): one pass of the filter
/// carries the errors from the heuristic start (§2.6.1) together with their sensitivities ∂e_t/∂x₀ and accumulates the
/// normal equations. The remaining 1–4 smoothing parameters are searched by <see cref="EtsOptimizer"/>.
/// </remarks>
internal sealed class EtsFitter
{
    private const double Ridge = 1e-9;

    private readonly double[] y;
    private readonly int m;
    private readonly bool trend;
    private readonly bool damped;
    private readonly bool seasonal;
    private readonly double level0;
    private readonly double trend0;
    private readonly double[] season0;
    private readonly int k;
    private readonly int seasonalFree;
    private readonly double[] ring;
    private readonly double[] ml;
    private readonly double[] mb;
    private readonly double[] ms;
    private readonly double[] z;
    private readonly double[] a;
    private readonly double[] c;
    private readonly double[] ridge;

    public EtsFitter(double[] history, int seasonLength, EtsForm form, double phiMin, double phiMax, bool estimateSeasonalStates)
    {
        y = history;
        trend = form is EtsForm.Aan or EtsForm.AadN or EtsForm.Aaa or EtsForm.AadA;
        damped = form is EtsForm.AadN or EtsForm.AadA;
        seasonal = form is EtsForm.Ana or EtsForm.Aaa or EtsForm.AadA;
        m = seasonal ? seasonLength : 1;
        ring = new double[m];

        // The starting point the least-squares offsets are measured from.
        (level0, trend0, season0) = HeuristicStates.Compute(y, m, trend, seasonal);

        Observed = y.Count(v => !double.IsNaN(v));
        seasonalFree = seasonal && estimateSeasonalStates ? m - 1 : 0;
        k = 1 + (trend ? 1 : 0) + seasonalFree;
        ml = new double[k];
        mb = new double[k];
        ms = new double[m * k];
        z = new double[k];
        a = new double[k * k];
        c = new double[k];
        ridge = new double[k];

        var lower = new List<double> { 1e-8 };
        var upper = new List<double> { 0.9999 };
        if (trend)
        {
            lower.Add(0);
            upper.Add(0.9999);
        }

        if (seasonal)
        {
            lower.Add(0);
            upper.Add(0.9999);
        }

        if (damped)
        {
            lower.Add(phiMin);
            upper.Add(phiMax);
        }

        Lower = [.. lower];
        Upper = [.. upper];
    }

    /// <summary>Number of non-missing observations.</summary>
    public int Observed { get; }

    /// <summary>Free parameters for AICc: smoothing weights, φ, and the initial states (level, trend, m−1 seasonal).</summary>
    public int ParameterCount => Lower.Length + 1 + (trend ? 1 : 0) + (seasonal ? m - 1 : 0);

    /// <summary>True when θ ends with the damping φ.</summary>
    public bool Damped => damped;

    /// <summary>Number of initial-state unknowns solved by least squares (ℓ₀, b₀, m − 1 seasonal when estimated).</summary>
    public int StateCount => k;

    /// <summary>
    /// Lower bounds of the searched parameters θ = (α, β/α, γ/(1−α), φ) (absent components skipped): the "usual"
    /// region 0 &lt; α &lt; 1, 0 ≤ β ≤ α, 0 ≤ γ ≤ 1 − α (Hyndman et al. 2008, ch. 10) as a box in θ, α ∈ [10⁻⁸, 1 − 10⁻⁴],
    /// φ ∈ [φmin, φmax]. β = 0 or γ = 0 (no trend or season updating) are allowed, as in statsmodels.
    /// </summary>
    public double[] Lower { get; }

    /// <summary>Upper bounds of θ.</summary>
    public double[] Upper { get; }

    /// <summary>
    /// SSE at θ with the initial states concentrated out; writes the least-squares state offsets (relative to the
    /// heuristic start) to <paramref name="offsets"/> when given. +∞ when the filter diverges.
    /// </summary>
    public double ProfiledSse(ReadOnlySpan<double> theta, double[]? offsets = null)
    {
        Decode(theta, out var alpha, out var beta, out var gamma, out var phi);
        Array.Clear(ml);
        Array.Clear(mb);
        Array.Clear(ms);
        Array.Clear(a);
        Array.Clear(c);
        ml[0] = 1;
        if (trend)
        {
            mb[1] = 1;
        }

        // Seasonal offsets u_0..u_{m−2} free, u_{m−1} = −Σ u_j keeps the seasonal states summing to 0.
        var sBase = 1 + (trend ? 1 : 0);
        for (var j = 0; j < seasonalFree; j++)
        {
            ms[(j * k) + sBase + j] = 1;
            ms[((m - 1) * k) + sBase + j] = -1;
        }

        Array.Copy(season0, ring, m);
        double l = level0, b = trend0, q = 0;
        for (var t = 0; t < y.Length; t++)
        {
            var slot = t % m;
            var row = slot * k;
            var s = seasonal ? ring[slot] : 0;
            var obs = y[t];
            if (double.IsNaN(obs))
            {
                l += phi * b;
                b *= phi;
                for (var i = 0; i < k; i++)
                {
                    ml[i] += phi * mb[i];
                    mb[i] *= phi;
                }

                continue;
            }

            var e = obs - (l + (phi * b) + s);
            q += e * e;
            for (var i = 0; i < k; i++)
            {
                z[i] = ml[i] + (phi * mb[i]) + ms[row + i];
            }

            // e_t(u) = e − z·u: accumulate Σ z zᵀ and Σ z e (upper triangle).
            for (var i = 0; i < k; i++)
            {
                var zi = z[i];
                c[i] += zi * e;
                for (var j = i; j < k; j++)
                {
                    a[(i * k) + j] += zi * z[j];
                }
            }

            l += (phi * b) + (alpha * e);
            b = (phi * b) + (beta * e);
            ring[slot] = s + (gamma * e);
            for (var i = 0; i < k; i++)
            {
                var zi = z[i];
                ml[i] += (phi * mb[i]) - (alpha * zi);
                mb[i] = (phi * mb[i]) - (beta * zi);
                ms[row + i] -= gamma * zi;
            }
        }

        if (!double.IsFinite(q) || !double.IsFinite(l) || !double.IsFinite(b))
        {
            return double.PositiveInfinity;
        }

        var u = offsets ?? new double[k];
        var sse = SolveNormalEquations(q, u);
        return double.IsFinite(sse) ? Math.Max(sse, 0) : double.PositiveInfinity;
    }

    /// <summary>SSE of the filter at θ from the heuristic start shifted by <paramref name="offsets"/> (no solving).</summary>
    public double Sse(ReadOnlySpan<double> theta, ReadOnlySpan<double> offsets)
    {
        var sse = 0.0;
        Run(theta, offsets, ref sse);
        return double.IsFinite(sse) ? sse : double.PositiveInfinity;
    }

    /// <summary>
    /// SSE at θ and the given state offsets and its exact gradient with respect to θ (forward-mode differentiation of the
    /// recursions). At the least-squares offsets this is also the gradient of <see cref="ProfiledSse"/>: ∂SSE/∂x₀ = 0
    /// there, so the envelope theorem drops the offsets' own dependence on θ.
    /// </summary>
    public double SseGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> offsets, Span<double> gradient)
    {
        Decode(theta, out var alpha, out var beta, out var gamma, out var phi);
        var d = theta.Length;
        Span<double> dAlpha = stackalloc double[d];
        Span<double> dBeta = stackalloc double[d];
        Span<double> dGamma = stackalloc double[d];
        Span<double> dPhi = stackalloc double[d];
        Span<double> dl = stackalloc double[d];
        Span<double> db = stackalloc double[d];
        Span<double> de = stackalloc double[d];
        var ds = new double[m * d];
        dAlpha[0] = 1;
        var i = 1;
        if (trend)
        {
            dBeta[0] = theta[i];
            dBeta[i++] = alpha;
        }

        if (seasonal)
        {
            dGamma[0] = -theta[i];
            dGamma[i++] = 1 - alpha;
        }

        if (damped)
        {
            dPhi[i] = 1;
        }

        SetStart(offsets, out var l, out var b);
        gradient.Clear();
        var sse = 0.0;
        for (var t = 0; t < y.Length; t++)
        {
            var slot = t % m;
            var row = slot * d;
            var s = ring[slot];
            var obs = y[t];
            var e = double.IsNaN(obs) ? 0 : obs - (l + (phi * b) + s);
            sse += e * e;
            for (var p = 0; p < d; p++)
            {
                var move = dl[p] + (phi * db[p]) + (b * dPhi[p]);
                de[p] = double.IsNaN(obs) ? 0 : -(move + ds[row + p]);
                gradient[p] += 2 * e * de[p];
                dl[p] = move + (alpha * de[p]) + (e * dAlpha[p]);
                db[p] = (phi * db[p]) + (b * dPhi[p]) + (beta * de[p]) + (e * dBeta[p]);
                ds[row + p] += (gamma * de[p]) + (e * dGamma[p]);
            }

            l += (phi * b) + (alpha * e);
            b = (phi * b) + (beta * e);
            ring[slot] = s + (gamma * e);
        }

        return double.IsFinite(sse) ? sse : double.PositiveInfinity;
    }

    /// <summary>Runs the filter with θ and the state offsets and writes the forecast for each horizon.</summary>
    public void Forecast(ReadOnlySpan<double> theta, ReadOnlySpan<double> offsets, ReadOnlySpan<int> horizons, Span<double> output)
    {
        var sse = 0.0;
        var (l, b, phi) = Run(theta, offsets, ref sse);
        for (var i = 0; i < horizons.Length; i++)
        {
            var h = horizons[i];
            double damp = 0;
            var p = 1.0;
            for (var j = 1; j <= h; j++)
            {
                p *= phi;
                damp += p;
            }

            var s = seasonal ? ring[(y.Length - 1 + h) % m] : 0;
            output[i] = l + (damp * b) + s;
        }
    }

    private (double Level, double Trend, double Phi) Run(ReadOnlySpan<double> theta, ReadOnlySpan<double> offsets, ref double sse)
    {
        Decode(theta, out var alpha, out var beta, out var gamma, out var phi);
        SetStart(offsets, out var l, out var b);
        for (var t = 0; t < y.Length; t++)
        {
            var slot = t % m;
            var s = seasonal ? ring[slot] : 0;
            var obs = y[t];
            var e = double.IsNaN(obs) ? 0 : obs - (l + (phi * b) + s);
            sse += e * e;
            l += (phi * b) + (alpha * e);
            b = (phi * b) + (beta * e);
            if (seasonal)
            {
                ring[slot] = s + (gamma * e);
            }
        }

        return (l, b, phi);
    }

    private void SetStart(ReadOnlySpan<double> offsets, out double l, out double b)
    {
        l = level0 + offsets[0];
        b = trend ? trend0 + offsets[1] : 0;
        Array.Copy(season0, ring, m);
        var sBase = 1 + (trend ? 1 : 0);
        for (var j = 0; j < seasonalFree; j++)
        {
            ring[j] += offsets[sBase + j];
            ring[m - 1] -= offsets[sBase + j];
        }
    }

    private double SolveNormalEquations(double q, double[] u)
    {
        // Diagonal ridge λᵢ = 1e-9·Aᵢᵢ (+ a floor for states no observation informs, which then stay at their
        // heuristic value). With (A + Λ)u = c the SSE at u is exactly q − cᵀu − Σ λᵢuᵢ².
        var trace = 0.0;
        for (var i = 0; i < k; i++)
        {
            trace += a[(i * k) + i];
        }

        for (var i = 0; i < k; i++)
        {
            ridge[i] = (Ridge * a[(i * k) + i]) + (Ridge * Ridge * trace / k) + 1e-300;
            a[(i * k) + i] += ridge[i];
        }

        var reduction = NormalEquations.Solve(a, c, k, 0, u);
        if (double.IsNaN(reduction))
        {
            Array.Clear(u);
            return q;
        }

        for (var i = 0; i < k; i++)
        {
            reduction += ridge[i] * u[i] * u[i];
        }

        return q - reduction;
    }

    private void Decode(ReadOnlySpan<double> theta, out double alpha, out double beta, out double gamma, out double phi)
    {
        var i = 0;
        alpha = theta[i++];
        beta = trend ? alpha * theta[i++] : 0;
        gamma = seasonal ? (1 - alpha) * theta[i++] : 0;
        phi = damped ? theta[i] : (trend ? 1 : 0);
    }
}
