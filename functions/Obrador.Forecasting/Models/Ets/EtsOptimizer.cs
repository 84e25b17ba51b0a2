using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Obrador.Forecasting.Models.Ets;

/// <summary>
/// Searches the smoothing parameters θ = (α, β/α, γ/(1−α), φ) of one <see cref="EtsFitter"/> on the profiled SSE
/// (initial states concentrated out). A grid ranks starting points by the cheap SSE at the heuristic initial states, as
/// statsmodels' <c>use_brute</c> does; a
/// box-constrained quasi-Newton search (BFGS-B, Byrd, Lu, Nocedal &amp; Zhu 1995, SIAM J. Sci. Comput. 16(5), via
/// MathNet.Numerics <see cref="BfgsBMinimizer"/>) with the exact gradient of <see cref="EtsFitter.SseGradient"/> runs
/// from the best <see cref="Starts"/> of them, and the lowest SSE wins (the surface has several local minima in α, γ).
/// A start whose search fails (line search, iteration budget, or a pseudo-Hessian that is no longer positive definite)
/// keeps its grid value, so a fit always returns a finite point when any grid point is finite.
/// </summary>
internal static class EtsOptimizer
{
    /// <summary>Number of grid points the local search starts from.</summary>
    public const int Starts = 2;

    /// <summary>Number of grid points (best by the cheap SSE) re-ranked by the profiled SSE.</summary>
    public const int Shortlist = 8;

    private static readonly double[] AlphaGrid = [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9];
    private static readonly double[] RatioGrid = [0.01, 0.1, 0.5];

    /// <summary>Best θ, its least-squares state offsets and SSE; SSE = +∞ when every candidate diverged.</summary>
    public static (double[] Theta, double[] Offsets, double Sse) Fit(EtsFitter fitter, int maxIterations)
    {
        var lower = fitter.Lower;
        var upper = fitter.Upper;
        var d = lower.Length;
        var starts = Grid(fitter, lower, upper);
        var offsets = new double[fitter.StateCount];
        var best = starts[0].Theta;
        var bestSse = fitter.ProfiledSse(best);
        if (!double.IsFinite(bestSse))
        {
            return (best, offsets, bestSse);
        }

        // Objective scaled by the best start's SSE so the tolerances are relative.
        var scale = bestSse > 0 ? bestSse : 1;
        var theta = new double[d];
        var gradient = new double[d];
        (double, Vector<double>) Evaluate(Vector<double> x)
        {
            for (var i = 0; i < d; i++)
            {
                theta[i] = Math.Clamp(x[i], lower[i], upper[i]);
            }

            var f = fitter.ProfiledSse(theta, offsets);
            var g = Vector<double>.Build.Dense(d);
            if (!double.IsFinite(f))
            {
                return (1e10, g);
            }

            fitter.SseGradient(theta, offsets, gradient);
            for (var i = 0; i < d; i++)
            {
                g[i] = double.IsFinite(gradient[i]) ? gradient[i] / scale : 0;
            }

            return (f / scale, g);
        }

        var objective = ObjectiveFunction.Gradient(Evaluate);
        var lo = Vector<double>.Build.DenseOfArray(lower);
        var hi = Vector<double>.Build.DenseOfArray(upper);
        foreach (var (start, startSse) in starts.Take(Starts))
        {
            if (!double.IsFinite(startSse))
            {
                continue;
            }

            try
            {
                var result = new BfgsBMinimizer(1e-8, 1e-10, 1e-12, maxIterations).FindMinimum(objective, lo, hi, Vector<double>.Build.DenseOfArray(start));
                var candidate = result.MinimizingPoint.ToArray();

                for (var i = 0; i < d; i++)
                {
                    candidate[i] = Math.Clamp(candidate[i], lower[i], upper[i]);
                }

                var sse = fitter.ProfiledSse(candidate);
                if (sse < bestSse)
                {
                    best = candidate;
                    bestSse = sse;
                }
            }
            catch (OptimizationException)
            {
                // Line search failed or the iteration budget ran out: this start keeps its grid value.
            }
            catch (ArgumentException)
            {
                // BFGS-B's pseudo-Hessian lost positive definiteness (MathNet's Cholesky throws): same fallback.
            }
        }

        bestSse = fitter.ProfiledSse(best, offsets);
        return (best, offsets, bestSse);
    }

    /// <summary>Grid points (α × ratio grid, φ at mid-range) sorted by SSE at the heuristic initial states, best first.</summary>
    private static List<(double[] Theta, double Sse)> Grid(EtsFitter fitter, double[] lower, double[] upper)
    {
        var d = lower.Length;
        var ratios = d - 1 - (fitter.Damped ? 1 : 0);
        var combos = (int)Math.Pow(RatioGrid.Length, ratios);
        var points = new List<(double[] Theta, double Sse)>(AlphaGrid.Length * combos);
        var zero = new double[fitter.StateCount];
        foreach (var alpha in AlphaGrid)
        {
            for (var c = 0; c < combos; c++)
            {
                var theta = new double[d];
                theta[0] = alpha;
                var code = c;
                for (var r = 0; r < ratios; r++)
                {
                    theta[1 + r] = RatioGrid[code % RatioGrid.Length];
                    code /= RatioGrid.Length;
                }

                if (fitter.Damped)
                {
                    theta[^1] = (lower[^1] + upper[^1]) / 2;
                }

                points.Add((theta, fitter.Sse(theta, zero)));
            }
        }

        // Stable sorts: ties (and +∞) keep grid order, so the result is deterministic. The best Shortlist points by the
        // cheap SSE are re-ranked by the profiled SSE (the objective actually minimised).
        var shortlist = points.OrderBy(p => p.Sse).Take(Shortlist).Select(p => (p.Theta, Sse: fitter.ProfiledSse(p.Theta)));
        return [.. shortlist.OrderBy(p => p.Sse)];
    }
}
