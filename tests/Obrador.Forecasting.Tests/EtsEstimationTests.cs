using MathNet.Numerics.LinearAlgebra;
using Obrador.Forecasting.Models.Ets;

namespace Obrador.Forecasting.Tests;

public class EtsEstimationTests
{
    private static readonly double[] Pattern = [10, 12, 14, 16, 30, 40, 5];

    public static TheoryData<EtsForm> Forms => new() { EtsForm.Ann, EtsForm.Aan, EtsForm.AadN, EtsForm.Ana, EtsForm.Aaa, EtsForm.AadA };

    /// <summary>Level 100 + weekly pattern + seeded Gaussian-ish noise (sum of uniforms), optional NaN gaps.</summary>
    private static double[] Noisy(int weeks, int seed, double noise, bool gaps)
    {
        var random = new Random(seed);
        var y = new double[weeks * 7];
        for (var t = 0; t < y.Length; t++)
        {
            var e = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 2 * noise;
            y[t] = 100 + (0.1 * t) + Pattern[t % 7] + e;
            if (gaps && (t % 23 == 5 || (t >= 60 && t < 66)))
            {
                y[t] = double.NaN;
            }
        }

        return y;
    }

    private static double[] Theta(EtsFitter fitter) =>
        [.. fitter.Lower.Select((lo, i) => i == fitter.Lower.Length - 1 && fitter.Damped ? (lo + fitter.Upper[i]) / 2 : 0.15)];

    [Theory]
    [MemberData(nameof(Forms))]
    public void ProfiledSse_LeastSquaresStates_ReproduceTheirSseAndCannotBeImprovedByPerturbation(EtsForm form)
    {
        var y = Noisy(30, 1, 3, gaps: true);
        var fitter = new EtsFitter(y, 7, form, 0.8, 0.98, estimateSeasonalStates: true);
        var theta = Theta(fitter);
        var offsets = new double[fitter.StateCount];

        var profiled = fitter.ProfiledSse(theta, offsets);
        var direct = fitter.Sse(theta, offsets);

        Assert.Equal(direct, profiled, direct * 1e-8);
        Assert.True(profiled <= fitter.Sse(theta, new double[fitter.StateCount]));
        for (var i = 0; i < offsets.Length; i++)
        {
            foreach (var delta in new[] { -0.5, 0.5 })
            {
                var moved = (double[])offsets.Clone();
                moved[i] += delta;
                Assert.True(fitter.Sse(theta, moved) >= profiled, $"offset {i} moved by {delta} lowered the SSE");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void SseGradient_MatchesCentralDifferences(EtsForm form)
    {
        var y = Noisy(20, 2, 4, gaps: true);
        var fitter = new EtsFitter(y, 7, form, 0.8, 0.98, estimateSeasonalStates: true);
        var theta = Theta(fitter);
        var offsets = new double[fitter.StateCount];
        fitter.ProfiledSse(theta, offsets);
        var gradient = new double[theta.Length];

        fitter.SseGradient(theta, offsets, gradient);

        for (var i = 0; i < theta.Length; i++)
        {
            const double h = 1e-6;
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[i] += h;
            down[i] -= h;
            var numeric = (fitter.Sse(up, offsets) - fitter.Sse(down, offsets)) / (2 * h);
            Assert.Equal(numeric, gradient[i], Math.Max(1e-3, Math.Abs(numeric) * 1e-4));
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Fit_Optimum_SseNotAboveTheHeuristicStart(EtsForm form)
    {
        var y = Noisy(40, 3, 5, gaps: false);
        var fitter = new EtsFitter(y, 7, form, 0.8, 0.98, estimateSeasonalStates: true);
        var start = Theta(fitter);

        var (theta, offsets, sse) = EtsOptimizer.Fit(fitter, 250);

        Assert.True(sse <= fitter.Sse(start, new double[fitter.StateCount]));
        Assert.True(sse <= fitter.ProfiledSse(start));
        Assert.Equal(fitter.Sse(theta, offsets), sse, sse * 1e-8);
        for (var i = 0; i < theta.Length; i++)
        {
            Assert.InRange(theta[i], fitter.Lower[i], fitter.Upper[i]);
        }
    }

    [Fact]
    public void EstimatedSeasonalStates_ShiftedFirstSeason_RecoverThePatternBetterThanTheHeuristic()
    {
        // An opening promotion adds +30 on the first two Mondays and −20 on the first two Saturdays; with slow
        // smoothing the heuristic start (first four seasons) carries that bias to the end, the estimated states do not.
        var y = Noisy(30, 4, 2, gaps: false);
        foreach (var t in new[] { 0, 7 })
        {
            y[t] += 30;
            y[t + 5] -= 20;
        }

        var fitter = new EtsFitter(y, 7, EtsForm.Ana, 0.8, 0.98, estimateSeasonalStates: true);
        double[] theta = [0.01, 0.01];
        var offsets = new double[fitter.StateCount];
        fitter.ProfiledSse(theta, offsets);
        int[] horizons = [1, 2, 3, 4, 5, 6, 7];
        var estimated = new double[7];
        var heuristic = new double[7];

        fitter.Forecast(theta, offsets, horizons, estimated);
        fitter.Forecast(theta, new double[fitter.StateCount], horizons, heuristic);

        double Error(double[] f) => horizons.Select((h, i) =>
        {
            var slot = (y.Length - 1 + h) % 7;
            return Math.Abs((f[i] - f.Average()) - (Pattern[slot] - Pattern.Average()));
        }).Max();
        Assert.True(Error(estimated) < 2.5, $"estimated pattern error {Error(estimated):F2}");
        Assert.True(Error(estimated) < Error(heuristic) / 4, $"estimated {Error(estimated):F2} vs heuristic {Error(heuristic):F2}");
    }

    [Fact]
    public void EtsModel_NoisyWeeklyPatternWithTrend_ForecastsWithinTheNoise()
    {
        var y = Noisy(40, 5, 2, gaps: true);
        var panel = TestSeries.Panel(y);

        var f = new EtsModel().Predict(panel, y.Length - 1, [1, 7])[0];

        for (var i = 0; i < 2; i++)
        {
            var t = y.Length - 1 + (i == 0 ? 1 : 7);
            var expected = 100 + (0.1 * t) + Pattern[t % 7];
            Assert.InRange(f[i], expected - 4, expected + 4);
        }
    }

    [Fact]
    public void EtsModel_WeekdayNeverObserved_OtherDaysFollowThePatternAndNothingIsNaN()
    {
        // A shop closed every Sunday (slot 6): its seasonal state is not identified; the ridge keeps it at the
        // heuristic value and the other six days must still be estimated.
        var y = Noisy(30, 6, 1, gaps: false);
        for (var t = 6; t < y.Length; t += 7)
        {
            y[t] = double.NaN;
        }

        var fitter = new EtsFitter(y, 7, EtsForm.AadA, 0.8, 0.98, estimateSeasonalStates: true);
        var (theta, offsets, sse) = EtsOptimizer.Fit(fitter, 250);
        int[] horizons = [1, 2, 3, 4, 5, 6, 7];
        var f = new double[7];
        fitter.Forecast(theta, offsets, horizons, f);

        Assert.True(double.IsFinite(sse));
        Assert.All(offsets, v => Assert.True(double.IsFinite(v)));
        Assert.All(f, v => Assert.True(double.IsFinite(v)));
        for (var i = 0; i < 7; i++)
        {
            var t = y.Length - 1 + horizons[i];
            if (t % 7 != 6)
            {
                Assert.InRange(f[i], 100 + (0.1 * t) + Pattern[t % 7] - 3, 100 + (0.1 * t) + Pattern[t % 7] + 3);
            }
        }
    }

    [Fact]
    public void EtsModel_AwkwardSeries_NeverThrowsAndForecastsFinite()
    {
        // Spikes, long zero runs, step changes, huge and tiny scales, sparse observations, exact repeats.
        var random = new Random(11);
        var series = new List<double[]>();
        for (var i = 0; i < 60; i++)
        {
            var n = 20 + random.Next(200);
            var scale = Math.Pow(10, random.Next(-6, 7));
            var y = new double[n];
            for (var t = 0; t < n; t++)
            {
                y[t] = (i % 6) switch
                {
                    0 => t == n / 2 ? 1000 * scale : scale,
                    1 => t % 17 < 12 ? 0 : scale * random.Next(1, 4),
                    2 => (t < n / 2 ? 1 : 50) * scale,
                    3 => Math.Round(random.NextDouble() * 3) * scale,
                    4 => random.NextDouble() < 0.7 ? double.NaN : scale * random.NextDouble(),
                    _ => Pattern[t % 7] * scale,
                };
            }

            series.Add(y);
        }

        var panel = TestSeries.Panel([.. series]);
        var forecasts = new EtsModel().Predict(panel, panel.Length - 1, [1, 7, 28]);

        Assert.All(forecasts, f => Assert.All(f, v => Assert.True(double.IsFinite(v))));
    }

    [Fact]
    public void EtsFitter_SeasonLongerThanTheEstimationLimit_KeepsHeuristicSeasonalStates()
    {
        var y = Enumerable.Range(0, 160).Select(t => 50 + (10 * Math.Sin(2 * Math.PI * t / 52))).ToArray();

        var estimated = new EtsFitter(y, 52, EtsForm.AadA, 0.8, 0.98, estimateSeasonalStates: true);
        var limited = new EtsFitter(y, 52, EtsForm.AadA, 0.8, 0.98, estimateSeasonalStates: false);

        Assert.Equal(2 + 51, estimated.StateCount);
        Assert.Equal(2, limited.StateCount);
        Assert.Equal(estimated.ParameterCount, limited.ParameterCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EtsModel(new EtsOptions { MaxEstimatedSeasonLength = -1 }));
    }

    [Fact]
    public void NormalEquations_RandomPositiveDefiniteSystem_MatchesMathNet()
    {
        var random = new Random(7);
        const int k = 6;
        var x = Matrix<double>.Build.Dense(20, k, (_, _) => random.NextDouble() - 0.5);
        var gram = x.TransposeThisAndMultiply(x);
        var rhs = Vector<double>.Build.Dense(k, _ => random.NextDouble());
        var a = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = i; j < k; j++)
            {
                a[(i * k) + j] = gram[i, j];
            }
        }

        var u = new double[k];
        var reduction = NormalEquations.Solve(a, rhs.ToArray(), k, 0, u);

        var expected = gram.Cholesky().Solve(rhs);
        for (var i = 0; i < k; i++)
        {
            Assert.Equal(expected[i], u[i], 1e-9);
        }

        Assert.Equal(rhs.DotProduct(expected), reduction, 1e-9);
        Assert.True(double.IsNaN(NormalEquations.Solve(new double[k * k], rhs.ToArray(), k, 0, u)));
    }
}
