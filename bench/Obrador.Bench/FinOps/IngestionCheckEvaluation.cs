using System.Diagnostics;
using System.Globalization;
using Obrador.FinOps.Anomalies;
using Obrador.FinOps.Synthetic;

namespace Obrador.Bench.FinOps;

/// <summary>
/// The per-event check at ingestion: when half of a day's cost has been exported, is a spike already flagged? Runs
/// <see cref="CostAnomalyDetector.CheckLatest"/> with the history before the day and half the day's actual cost
/// (dayFraction 0.5) for every injected spike, and for every 10th normal scored day (false flags), and times it.
/// </summary>
internal static class IngestionCheckEvaluation
{
    public static void Run(CostAnomalyDetector detector, IReadOnlyList<ScopeSeries> series, IReadOnlyList<InjectedAnomaly> injected)
    {
        var byScope = series.ToDictionary(s => s.Scope, StringComparer.Ordinal);
        var spikes = injected.Where(a => a.Kind == AnomalyKind.Spike).ToList();
        var busy = injected.ToLookup(a => a.Scope, StringComparer.Ordinal);
        var normal = series.SelectMany(s => Enumerable.Range(AnomalyEvaluation.FirstScoredDay, s.Values.Length - AnomalyEvaluation.FirstScoredDay)
            .Where(d => d % 10 == 0 && !busy[s.Scope].Any(a => d >= a.FirstDay - 1 && d <= a.LastDay + 3)).Select(d => (s.Scope, Day: d))).ToList();
        var sw = Stopwatch.StartNew();
        var caught = spikes.AsParallel().Count(a => Check(detector, byScope[a.Scope], a.FirstDay));
        var falseFlags = normal.AsParallel().Count(p => Check(detector, byScope[p.Scope], p.Day));
        var perCheckMs = sw.Elapsed.TotalMilliseconds * Environment.ProcessorCount / (spikes.Count + normal.Count);
        Console.WriteLine("## Per-event check at ingestion (half of the day exported, dayFraction = 0.5)\n");
        Console.WriteLine("| spikes flagged at half-day | normal half-days flagged | cost per check (ms, ~400-day history) |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {caught}/{spikes.Count} ({(double)caught / Math.Max(1, spikes.Count):P1}) | {falseFlags}/{normal.Count} ({(double)falseFlags / Math.Max(1, normal.Count):P2}) | {perCheckMs:F2} |\n"));
    }

    private static bool Check(CostAnomalyDetector detector, ScopeSeries s, int day)
    {
        var history = s with { Values = s.Values[..day], ParentValues = null };
        return detector.CheckLatest(history, s.Values[day] * 0.5, dayFraction: 0.5).IsAnomaly;
    }
}
