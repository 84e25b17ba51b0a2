namespace Obrador.Forecasting.Models.Ets;

/// <summary>
/// Fits one additive-error ETS form to one series by minimising the sum of squared one-step errors (the Gaussian
/// likelihood of Hyndman et al. 2008, eq. 5.2, concentrated in σ²) and forecasts from the final state.
/// </summary>
internal sealed class EtsFitter
{
    private readonly double[] y;
    private readonly int m;
    private readonly bool trend;
    private readonly bool damped;
    private readonly bool seasonal;
    private readonly double phiMin;
    private readonly double phiMax;
    private readonly double level0;
    private readonly double trend0;
    private readonly double[] season0;
    private readonly double scale;
    private readonly double[] ring;

    public EtsFitter(double[] history, int seasonLength, EtsForm form, double phiMin, double phiMax)
    {
        y = history;
        trend = form is EtsForm.Aan or EtsForm.AadN or EtsForm.Aaa or EtsForm.AadA;
        damped = form is EtsForm.AadN or EtsForm.AadA;
        seasonal = form is EtsForm.Ana or EtsForm.Aaa or EtsForm.AadA;
        m = seasonal ? seasonLength : 1;
        this.phiMin = phiMin;
        this.phiMax = phiMax;
        ring = new double[m];

        // Heuristic initial states (Hyndman et al. 2008, §2.6.1): level = mean of the first season, trend = mean
        // change between the first two seasons, season = deviations of the first season from its mean.
        var first = NanMean(y, 0, Math.Max(m, Math.Min(y.Length, 7)));
        level0 = double.IsNaN(first) ? 0 : first;
        var second = NanMean(y, m, 2 * m);
        trend0 = trend && !double.IsNaN(second) && !double.IsNaN(first) ? (second - first) / m : 0;
        season0 = new double[m];
        if (seasonal)
        {
            for (var i = 0; i < m; i++)
            {
                var v = NanMean(y, i, y.Length, m, 4);
                season0[i] = double.IsNaN(v) ? 0 : v - level0;
            }

            var mean = season0.Average();
            for (var i = 0; i < m; i++)
            {
                season0[i] -= mean;
            }
        }

        double absSum = 0;
        var n = 0;
        foreach (var v in y)
        {
            if (!double.IsNaN(v))
            {
                absSum += Math.Abs(v - level0);
                n++;
            }
        }

        Observed = n;
        scale = n == 0 || absSum == 0 ? 1 : absSum / n;
    }

    /// <summary>Number of non-missing observations.</summary>
    public int Observed { get; }

    /// <summary>Free parameters: smoothing weights, φ, and the initial states (level, trend, m−1 seasonal).</summary>
    public int ParameterCount => 1 + (trend ? 1 : 0) + (seasonal ? 1 : 0) + (damped ? 1 : 0) + 1 + (trend ? 1 : 0) + (seasonal ? m - 1 : 0);

    public double[] Start()
    {
        // α≈0.2, β≈0.05α, γ≈0.05(1−α), φ≈0.9, initial level/trend offsets 0.
        var x = new List<double> { Logit(0.2) };
        if (trend)
        {
            x.Add(Logit(0.05));
        }

        if (seasonal)
        {
            x.Add(Logit(0.05));
        }

        if (damped)
        {
            x.Add(0);
        }

        x.Add(0);
        if (trend)
        {
            x.Add(0);
        }

        return [.. x];
    }

    /// <summary>Sum of squared one-step errors for unconstrained parameters <paramref name="x"/>; +∞ if the states diverge.</summary>
    public double Sse(double[] x)
    {
        Decode(x, out var alpha, out var beta, out var gamma, out var phi, out var l, out var b);
        Array.Copy(season0, ring, m);
        double sse = 0;
        for (var t = 0; t < y.Length; t++)
        {
            var slot = t % m;
            var s = seasonal ? ring[slot] : 0;
            var yhat = l + (phi * b) + s;
            var obs = y[t];
            var e = double.IsNaN(obs) ? 0 : obs - yhat;
            sse += e * e;
            var lNew = l + (phi * b) + (alpha * e);
            b = (phi * b) + (beta * e);
            if (seasonal)
            {
                ring[slot] = s + (gamma * e);
            }

            l = lNew;
        }

        return double.IsFinite(sse) ? sse : double.PositiveInfinity;
    }

    /// <summary>Runs the filter with <paramref name="x"/> and writes the forecast for each horizon.</summary>
    public void Forecast(double[] x, ReadOnlySpan<int> horizons, Span<double> output)
    {
        Decode(x, out var alpha, out var beta, out var gamma, out var phi, out var l, out var b);
        Array.Copy(season0, ring, m);
        for (var t = 0; t < y.Length; t++)
        {
            var slot = t % m;
            var s = seasonal ? ring[slot] : 0;
            var obs = y[t];
            var e = double.IsNaN(obs) ? 0 : obs - (l + (phi * b) + s);
            var lNew = l + (phi * b) + (alpha * e);
            b = (phi * b) + (beta * e);
            if (seasonal)
            {
                ring[slot] = s + (gamma * e);
            }

            l = lNew;
        }

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

    private void Decode(double[] x, out double alpha, out double beta, out double gamma, out double phi, out double l, out double b)
    {
        var i = 0;
        // Admissible region of the usual parameterisation (Hyndman et al. 2008, §5.2): 0<α<1, 0<β<α, 0<γ<1−α.
        alpha = 0.0001 + (0.9998 * Sigmoid(x[i++]));
        beta = trend ? alpha * Sigmoid(x[i++]) : 0;
        gamma = seasonal ? (1 - alpha) * Sigmoid(x[i++]) : 0;
        phi = damped ? phiMin + ((phiMax - phiMin) * Sigmoid(x[i++])) : (trend ? 1 : 0);
        l = level0 + (x[i++] * scale);
        b = trend ? trend0 + (x[i] * scale / Math.Max(m, 7)) : 0;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double NanMean(double[] v, int from, int to, int stride = 1, int maxCount = int.MaxValue)
    {
        double sum = 0;
        var n = 0;
        for (var i = from; i < Math.Min(to, v.Length) && n < maxCount; i += stride)
        {
            if (!double.IsNaN(v[i]))
            {
                sum += v[i];
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }
}
