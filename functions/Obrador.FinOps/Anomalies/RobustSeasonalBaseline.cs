namespace Obrador.FinOps.Anomalies;

/// <summary>
/// Causal robust seasonal baseline for a non-negative cost series y (one point per day, or per step for other series).
/// For each point t it uses only y[0..t): a multiplicative model E_t = L_t · S_(t mod m) · M_t where
/// S_p is the median ratio y_i / median(window) over points of phase p in the trailing window (normalised to mean 1),
/// L_t the median of deseasonalised y over the last <see cref="AnomalyDetectorOptions.LevelDays"/> points,
/// and M_t the median of y_i / (L_i·S_i) over earlier month-end points when t is a month-end day (else 1).
/// The scale is σ_t = 1.4826 · MAD of past residuals y_i − E_i in the window (Hampel's consistent MAD estimator,
/// Rousseeuw &amp; Croux 1993), floored at <see cref="AnomalyDetectorOptions.RelativeSigmaFloor"/> · E_t, and the
/// robust z-score is z_t = (y_t − E_t) / σ_t. Points before <see cref="AnomalyDetectorOptions.MinHistory"/> get NaN.
/// Medians and MAD ignore up to half of the window being anomalous, so injected incidents do not bend the baseline.
/// </summary>
internal static class RobustSeasonalBaseline
{
    public static BaselineResult Compute(ReadOnlySpan<double> y, ReadOnlySpan<bool> monthEnd, AnomalyDetectorOptions o)
    {
        var n = y.Length;
        var expected = new double[n];
        var sigma = new double[n];
        var z = new double[n];
        var plain = new double[n];
        var residual = new double[n];
        Array.Fill(expected, double.NaN);
        Array.Fill(sigma, double.NaN);
        Array.Fill(z, double.NaN);
        Array.Fill(plain, double.NaN);
        Array.Fill(residual, double.NaN);
        var scratch = new Scratch(o);
        for (var t = o.MinHistory; t < n; t++)
        {
            var isMonthEnd = !monthEnd.IsEmpty && monthEnd[t];
            var (e, s, p) = Estimate(y, t, monthEnd, isMonthEnd, plain, residual, o, scratch);
            expected[t] = e;
            sigma[t] = s;
            plain[t] = p;
            residual[t] = y[t] - e;
            z[t] = (y[t] - e) / s;
        }

        return new BaselineResult(expected, sigma, z, plain, residual);
    }

    /// <summary>Expected value and scale for the point right after <paramref name="history"/>.</summary>
    public static (double Expected, double Sigma) PredictNext(ReadOnlySpan<double> history, ReadOnlySpan<bool> monthEnd, bool nextIsMonthEnd, AnomalyDetectorOptions o)
    {
        var b = Compute(history, monthEnd, o);
        var (e, s, _) = Estimate(history, history.Length, monthEnd, nextIsMonthEnd, b.Plain, b.Residual, o, new Scratch(o));
        return (e, s);
    }

    private static (double Expected, double Sigma, double Plain) Estimate(
        ReadOnlySpan<double> y, int t, ReadOnlySpan<bool> monthEnd, bool isMonthEnd, double[] plain, double[] residual, AnomalyDetectorOptions o, Scratch s)
    {
        var m = o.SeasonLength;
        var w0 = Math.Max(0, t - o.WindowDays);
        var flags = monthEnd;

        var k = 0;
        for (var i = w0; i < t; i++)
        {
            if (!(!flags.IsEmpty && flags[i]))
            {
                s.A[k++] = y[i];
            }
        }

        var windowMedian = k > 0 ? Median(s.A, k) : 0;
        for (var p = 0; p < m; p++)
        {
            s.Season[p] = 1;
        }

        if (m > 1 && windowMedian > 0)
        {
            var sum = 0.0;
            for (var p = 0; p < m; p++)
            {
                var c = 0;
                // Phase p holds indexes i ≡ p (mod m); walk them directly.
                var first = w0 + ((p - (w0 % m) + m) % m);
                for (var i = first; i < t; i += m)
                {
                    if (!(!flags.IsEmpty && flags[i]))
                    {
                        s.B[c++] = y[i] / windowMedian;
                    }
                }

                s.Season[p] = c >= 2 ? Median(s.B, c) : 1;
                sum += s.Season[p];
            }

            var mean = sum / m;
            for (var p = 0; p < m; p++)
            {
                s.Season[p] = mean > 0 ? s.Season[p] / mean : 1;
            }
        }

        k = 0;
        for (var i = Math.Max(0, t - o.LevelDays); i < t; i++)
        {
            if (!(!flags.IsEmpty && flags[i]))
            {
                var season = s.Season[i % m];
                s.A[k++] = season > 0 ? y[i] / season : y[i];
            }
        }

        var level = k > 0 ? Median(s.A, k) : windowMedian;
        var plainExpected = level * s.Season[t % m];
        var factor = 1.0;
        if (isMonthEnd)
        {
            var c = 0;
            for (var i = Math.Max(0, t - 100); i < t; i++)
            {
                if (!flags.IsEmpty && flags[i] && plain[i] > 0)
                {
                    s.B[c++] = y[i] / plain[i];
                }
            }

            factor = c >= 2 ? Median(s.B, c) : 1;
        }

        var expected = plainExpected * factor;
        k = 0;
        for (var i = w0; i < t; i++)
        {
            if (!double.IsNaN(residual[i]))
            {
                s.A[k++] = residual[i];
            }
        }

        double sigma;
        if (k >= 14)
        {
            var med = Median(s.A, k);
            for (var i = 0; i < k; i++)
            {
                s.A[i] = Math.Abs(s.A[i] - med);
            }

            sigma = 1.4826 * Median(s.A, k);
        }
        else
        {
            // Too few residuals yet: use the spread of the window itself around its median.
            k = 0;
            for (var i = w0; i < t; i++)
            {
                s.A[k++] = Math.Abs(y[i] - windowMedian);
            }

            sigma = k > 0 ? 1.4826 * Median(s.A, k) : 0;
        }

        sigma = Math.Max(sigma, Math.Max(o.RelativeSigmaFloor * Math.Abs(expected), 1e-9));
        return (expected, sigma, plainExpected);
    }

    /// <summary>Median of a[0..count); reorders that prefix.</summary>
    internal static double Median(double[] a, int count)
    {
        Array.Sort(a, 0, count);
        var h = count / 2;
        return count % 2 == 1 ? a[h] : 0.5 * (a[h - 1] + a[h]);
    }

    private sealed class Scratch(AnomalyDetectorOptions o)
    {
        public double[] A { get; } = new double[Math.Max(o.WindowDays, o.LevelDays) + 1];

        public double[] B { get; } = new double[Math.Max(o.WindowDays, 101) + 1];

        public double[] Season { get; } = new double[o.SeasonLength];
    }
}
