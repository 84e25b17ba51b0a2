using System.Globalization;

namespace Obrador.Pipeline.Quality;

/// <summary>
/// Evaluates the quality checks of one run from its dataset statistics: schema (unreadable files), freshness against
/// the SLA, duplicate rate, null and invalid rates, value ranges, volume against the trailing average, interaction
/// coverage/sparsity, and bronze → silver → gold reconciliation. Pure and deterministic.
/// </summary>
public static class QualityEvaluator
{
    /// <summary>Runs every applicable check.</summary>
    /// <param name="stats">Statistics of this run, any order (checks come out sorted by dataset).</param>
    /// <param name="trailingRows">Output rows of earlier runs per dataset (oldest first), for the volume check.</param>
    /// <param name="now">The run's reference time, for freshness.</param>
    /// <param name="options">Thresholds (validated).</param>
    public static IReadOnlyList<QualityCheck> Evaluate(IEnumerable<DatasetStats> stats, IReadOnlyDictionary<string, IReadOnlyList<long>> trailingRows, DateTimeOffset now, QualityOptions options)
    {
        options.Validate();
        var checks = new List<QualityCheck>();
        foreach (var s in stats.OrderBy(s => s.Dataset, StringComparer.Ordinal))
        {
            Schema(s, options, checks);
            Freshness(s, now, options, checks);
            if (s.InputRows > 0)
            {
                var rate = (double)s.Duplicates / s.InputRows;
                checks.Add(new(s.Dataset, "duplicates", rate > options.DuplicateCritical ? QualityReport.Critical : rate > options.DuplicateWarn ? QualityReport.Warning : QualityReport.Ok, rate, options.DuplicateWarn, $"{s.Duplicates} of {s.InputRows} rows duplicated ({rate:P2})"));
            }

            var denominator = Math.Max(s.OutputRows, 1);
            foreach (var (column, n) in s.Nulls.OrderBy(n => n.Key, StringComparer.Ordinal))
            {
                var rate = (double)n / denominator;
                checks.Add(new(s.Dataset, "nulls", rate > options.NullWarn ? QualityReport.Warning : QualityReport.Ok, rate, options.NullWarn, $"{column}: {n} nulls ({rate:P2})"));
            }

            foreach (var (column, n) in s.Invalid.OrderBy(n => n.Key, StringComparer.Ordinal))
            {
                var rate = (double)n / denominator;
                var severity = n == 0 ? QualityReport.Ok : rate > options.InvalidCritical ? QualityReport.Critical : QualityReport.Warning;
                checks.Add(new(s.Dataset, "invalid", severity, rate, options.InvalidCritical, $"{column}: {n} invalid values ({rate:P2})"));
            }

            foreach (var (column, range) in s.Ranges.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var bad = range.Length != 2 || range[0] < 0 || !double.IsFinite(range[1]);
                checks.Add(new(s.Dataset, "range", bad ? QualityReport.Critical : QualityReport.Ok, range.Length > 0 ? range[0] : double.NaN, 0, $"{column} in [{F(range.ElementAtOrDefault(0))}, {F(range.ElementAtOrDefault(1))}]"));
            }

            Volume(s, trailingRows, options, checks);
            if (s.Users > 0 && s.Items > 0)
            {
                var density = s.OutputRows / ((double)s.Users * s.Items);
                checks.Add(new(s.Dataset, "coverage", density < options.MinInteractionDensity ? QualityReport.Warning : QualityReport.Info, density, options.MinInteractionDensity, $"{s.Users} users × {s.Items} items, {s.OutputRows} interactions, density {density:E2}"));
            }

            foreach (var (measure, pair) in s.Reconciliation.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var gap = pair.Length == 2 ? Math.Abs(pair[1] - pair[0]) / Math.Max(Math.Abs(pair[0]), 1) : double.NaN;
                var ok = gap <= options.ReconciliationTolerance;
                checks.Add(new(s.Dataset, "reconciliation", ok ? QualityReport.Ok : QualityReport.Critical, gap, options.ReconciliationTolerance, $"{measure}: expected {F(pair.ElementAtOrDefault(0))}, got {F(pair.ElementAtOrDefault(1))}"));
            }
        }

        return checks;
    }

    private static void Schema(DatasetStats s, QualityOptions o, List<QualityCheck> checks)
    {
        if (s.Files == 0)
        {
            return;
        }

        var rate = (double)s.UnreadableFiles / s.Files;
        var severity = s.UnreadableFiles == 0 ? QualityReport.Ok : rate > o.UnreadableCritical ? QualityReport.Critical : QualityReport.Warning;
        checks.Add(new(s.Dataset, "schema", severity, rate, o.UnreadableCritical, $"{s.UnreadableFiles} of {s.Files} bronze files unreadable (quarantined)"));
    }

    private static void Freshness(DatasetStats s, DateTimeOffset now, QualityOptions o, List<QualityCheck> checks)
    {
        if (s.Dataset is not ("silver/events" or "silver/pos_sales"))
        {
            return;
        }

        if (s.LatestAt is not { } latest)
        {
            checks.Add(new(s.Dataset, "freshness", QualityReport.Warning, double.PositiveInfinity, o.FreshnessSlaHours, "no new data this run"));
            return;
        }

        var hours = (now - latest).TotalHours;
        checks.Add(new(s.Dataset, "freshness", hours > o.FreshnessSlaHours ? QualityReport.Warning : QualityReport.Ok, hours, o.FreshnessSlaHours, $"newest event {hours:F1} h old (SLA {o.FreshnessSlaHours:F0} h)"));
    }

    private static void Volume(DatasetStats s, IReadOnlyDictionary<string, IReadOnlyList<long>> trailing, QualityOptions o, List<QualityCheck> checks)
    {
        if (!trailing.TryGetValue(s.Dataset, out var history) || history.Count == 0)
        {
            return;
        }

        var recent = history.TakeLast(o.VolumeTrailingRuns).ToList();
        var average = recent.Average();
        if (average <= 0)
        {
            return;
        }

        var ratio = s.OutputRows / average;
        var severity = ratio < o.VolumeRatioWarn || ratio > 1 / Math.Max(o.VolumeRatioWarn, 1e-9) ? QualityReport.Warning : QualityReport.Ok;
        checks.Add(new(s.Dataset, "volume", severity, ratio, o.VolumeRatioWarn, $"{s.OutputRows} rows vs trailing average {average:F0} over {recent.Count} runs (×{ratio:F2})"));
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
