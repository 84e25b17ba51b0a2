namespace Obrador.Forecasting.Models.Ensemble;

/// <summary>
/// Convex combination weights chosen on a simplex grid by least absolute error over past (realized) forecasts,
/// i.e. the lowest wMAPE of the combined forecast on that history (Bates &amp; Granger 1969, "The combination of
/// forecasts", Oper. Res. Q. 20(4): weights estimated from past errors; here constrained to the simplex).
/// </summary>
internal static class EnsembleWeights
{
    /// <summary>Every weight vector of <paramref name="members"/> non-negative multiples of 1/<paramref name="steps"/> summing to 1.</summary>
    public static IReadOnlyList<double[]> Grid(int members, int steps)
    {
        var result = new List<double[]>();
        var counts = new int[members];
        void Fill(int i, int left)
        {
            if (i == members - 1)
            {
                counts[i] = left;
                result.Add(counts.Select(c => c / (double)steps).ToArray());
                return;
            }

            for (var c = left; c >= 0; c--)
            {
                counts[i] = c;
                Fill(i + 1, left - c);
            }
        }

        Fill(0, steps);
        return result;
    }

    /// <summary>
    /// The grid weights minimizing Σ|actual − Σᵢ wᵢ·forecastᵢ| over the rows; ties go to the weights closest to
    /// equal weights; no rows (or no finite actual) = equal weights.
    /// </summary>
    /// <param name="forecasts">Per member, one forecast per row.</param>
    /// <param name="actuals">One actual per row; NaN rows are ignored.</param>
    /// <param name="step">Grid spacing (e.g. 0.1).</param>
    public static double[] Choose(IReadOnlyList<double[]> forecasts, IReadOnlyList<double> actuals, double step)
    {
        var m = forecasts.Count;
        var equal = Enumerable.Repeat(1.0 / m, m).ToArray();
        var rows = Enumerable.Range(0, actuals.Count).Where(r => double.IsFinite(actuals[r]) && forecasts.All(f => double.IsFinite(f[r]))).ToArray();
        if (rows.Length == 0)
        {
            return equal;
        }

        var best = equal;
        var bestLoss = double.PositiveInfinity;
        var bestDistance = double.PositiveInfinity;
        foreach (var w in Grid(m, (int)Math.Round(1 / step)))
        {
            double loss = 0;
            foreach (var r in rows)
            {
                double yhat = 0;
                for (var i = 0; i < m; i++)
                {
                    yhat += w[i] * forecasts[i][r];
                }

                loss += Math.Abs(actuals[r] - yhat);
            }

            var distance = w.Select((x, i) => (x - equal[i]) * (x - equal[i])).Sum();
            var tolerance = 1e-12 * Math.Max(1, Math.Abs(bestLoss));
            if (loss < bestLoss - tolerance || (Math.Abs(loss - bestLoss) <= tolerance && distance < bestDistance))
            {
                best = w;
                bestLoss = loss;
                bestDistance = distance;
            }
        }

        return best;
    }
}
