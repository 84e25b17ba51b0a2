using System.Diagnostics;
using System.Globalization;
using Obrador.FinOps.Anomalies;
using Obrador.FinOps.Forecast;

namespace Obrador.Bench.FinOps;

/// <summary>
/// Cost forecast accuracy of the in-library damped ETS against the forecasting engine's AICc ETS on the same scopes:
/// the last 28 days are hidden, each forecaster predicts them; WAPE = Σ|y − ŷ| / Σy, and the share of days inside
/// the P10–P90 interval (nominal 80%).
/// </summary>
internal static class ForecastComparison
{
    public static void Run(IReadOnlyList<ScopeSeries> series)
    {
        const int holdout = 28;
        Console.WriteLine($"## Cost forecast: in-library damped ETS vs forecasting engine ETS ({series.Count} scopes, last {holdout} days hidden)\n");
        Console.WriteLine("| forecaster | WAPE | P10–P90 coverage | seconds |");
        Console.WriteLine("|---|---|---|---|");
        foreach (ICostForecaster f in new ICostForecaster[] { new DampedSeasonalForecaster(), new EtsEngineForecaster() })
        {
            double absError = 0, total = 0;
            long inside = 0, count = 0;
            var sw = Stopwatch.StartNew();
            var results = new (double Abs, double Total, int Inside)[series.Count];
            Parallel.For(0, series.Count, i =>
            {
                var y = series[i].Values;
                var curve = f.Forecast(y.AsSpan(0, y.Length - holdout), series[i].Start, holdout);
                double a = 0, t = 0;
                var c = 0;
                for (var h = 0; h < holdout; h++)
                {
                    var actual = y[y.Length - holdout + h];
                    a += Math.Abs(actual - curve.Mean[h]);
                    t += actual;
                    var half = 1.2816 * curve.StdDev[h];
                    c += actual >= curve.Mean[h] - half && actual <= curve.Mean[h] + half ? 1 : 0;
                }

                results[i] = (a, t, c);
            });
            foreach (var r in results)
            {
                absError += r.Abs;
                total += r.Total;
                inside += r.Inside;
                count += holdout;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {f.Name} | {absError / total:F4} | {(double)inside / count:F3} | {sw.Elapsed.TotalSeconds:F2} |"));
        }

        Console.WriteLine();
    }
}
