namespace Obrador.FinOps.Forecast;

/// <summary>
/// Additive Holt–Winters with damped trend and weekly seasonality, ETS(A,Ad,A) (Hyndman, Koehler, Ord, Snyder,
/// "Forecasting with Exponential Smoothing", 2008, Table 2.1 and Table 6.1 class 1):
/// ℓ_t = α(y_t − s_(t−m)) + (1 − α)(ℓ_(t−1) + φb_(t−1)); b_t = β(ℓ_t − ℓ_(t−1)) + (1 − β)φb_(t−1);
/// s_t = γ(y_t − ℓ_(t−1) − φb_(t−1)) + (1 − γ)s_(t−m); ŷ_(t+h) = ℓ_t + (φ + … + φ^h)b_t + s_(t+h−m(k+1)).
/// Forecast variance σ²[1 + Σ_(j&lt;h) (α + αβ(φ + … + φ^j) + γ·1[j mod m = 0])²] with σ² the mean squared one-step error.
/// (α, β, γ, φ) are picked from a small grid (φ ∈ {0.9, 0.98}) by one-step SSE. The in-repo fallback used when the forecasting
/// engine is not available; deterministic and thread-safe.
/// </summary>
public sealed class DampedSeasonalForecaster : ICostForecaster
{
    private static readonly double[] Alphas = [0.05, 0.1, 0.2, 0.35, 0.5];
    private static readonly double[] Betas = [0.01, 0.05, 0.15];
    private static readonly double[] Phis = [0.9, 0.98];
    private static readonly double[] Gammas = [0.05, 0.15, 0.3];
    private const int M = 7;

    /// <inheritdoc />
    public string Name => "ets-damped-weekly";

    /// <inheritdoc />
    public ForecastCurve Forecast(ReadOnlySpan<double> history, DateOnly historyStart, int horizonDays)
    {
        if (history.Length < 2 * M)
        {
            throw new ArgumentException($"need at least {2 * M} days of history", nameof(history));
        }

        if (horizonDays < 1)
        {
            throw new ArgumentException("horizon must be ≥ 1", nameof(horizonDays));
        }

        var best = (Sse: double.MaxValue, A: 0.0, B: 0.0, G: 0.0, P: 0.0);
        foreach (var a in Alphas)
        {
            foreach (var b in Betas)
            {
                foreach (var g in Gammas)
                {
                    foreach (var p in Phis)
                    {
                        var sse = Run(history, a, b, g, p, out _, out _, out _);
                        if (sse < best.Sse)
                        {
                            best = (sse, a, b, g, p);
                        }
                    }
                }
            }
        }

        var fitted = Run(history, best.A, best.B, best.G, best.P, out var level, out var trend, out var season);
        var sigma2 = fitted / Math.Max(1, history.Length - M);
        var mean = new double[horizonDays];
        var sd = new double[horizonDays];
        var n = history.Length;
        var phiSum = 0.0;
        var variance = 1.0;
        for (var h = 1; h <= horizonDays; h++)
        {
            phiSum += Math.Pow(best.P, h);
            mean[h - 1] = Math.Max(0, level + (phiSum * trend) + season[(n + h - 1) % M]);
            sd[h - 1] = Math.Sqrt(sigma2 * variance);
            var c = best.A + (best.A * best.B * phiSum) + (h % M == 0 ? best.G : 0);
            variance += c * c;
        }

        return new ForecastCurve(mean, sd);
    }

    private static double Run(ReadOnlySpan<double> y, double alpha, double beta, double gamma, double phi, out double level, out double trend, out double[] season)
    {
        var first = 0.0;
        var second = 0.0;
        for (var i = 0; i < M; i++)
        {
            first += y[i];
            second += y[i + M];
        }

        level = first / M;
        trend = (second - first) / (M * M);
        season = new double[M];
        for (var i = 0; i < M; i++)
        {
            season[i] = y[i] - level;
        }

        var sse = 0.0;
        for (var t = M; t < y.Length; t++)
        {
            var s = season[t % M];
            var forecast = level + (phi * trend) + s;
            var error = y[t] - forecast;
            sse += error * error;
            var damped = level + (phi * trend);
            var newLevel = (alpha * (y[t] - s)) + ((1 - alpha) * damped);
            season[t % M] = (gamma * (y[t] - damped)) + ((1 - gamma) * s);
            trend = (beta * (newLevel - level)) + ((1 - beta) * phi * trend);
            level = newLevel;
        }

        return sse;
    }
}
