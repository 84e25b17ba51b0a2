using Obrador.FinOps.Anomalies;
using Obrador.FinOps.Synthetic;

namespace Obrador.Bench.FinOps;

/// <summary>
/// Scores detector output against injected anomalies of known position, on the resource-group series.
/// Point level: every scored day (day ≥ 35) is a positive when it lies inside an injected anomaly.
/// Event level (what an operator sees): an alert is a true positive when it overlaps an injected anomaly's days or the
/// two days after it; an anomaly is detected when some alert overlaps it that way.
/// </summary>
internal sealed record AnomalyEvaluation
{
    public const int FirstScoredDay = 35;
    private const int GraceDays = 2;

    public required int Events { get; init; }
    public required int EventsDetected { get; init; }
    public required int Alerts { get; init; }
    public required int TruePositiveAlerts { get; init; }
    public required int PointTp { get; init; }
    public required int PointFp { get; init; }
    public required int PointFn { get; init; }
    public required double MeanDelayDays { get; init; }
    public required double ScopeMonths { get; init; }

    public double EventPrecision => Alerts == 0 ? 1 : (double)TruePositiveAlerts / Alerts;
    public double EventRecall => Events == 0 ? 1 : (double)EventsDetected / Events;
    public double EventF1 => F1(EventPrecision, EventRecall);
    public double PointPrecision => PointTp + PointFp == 0 ? 1 : (double)PointTp / (PointTp + PointFp);
    public double PointRecall => PointTp + PointFn == 0 ? 1 : (double)PointTp / (PointTp + PointFn);
    public double PointF1 => F1(PointPrecision, PointRecall);
    public double FalseAlertsPerScopeMonth => (Alerts - TruePositiveAlerts) / ScopeMonths;

    public static AnomalyEvaluation Evaluate(IReadOnlyList<SeriesScores> scores, IReadOnlyList<CostAnomaly> alerts, IReadOnlyList<InjectedAnomaly> injected)
    {
        var start = scores[0].Series.Start;
        var byScope = injected.GroupBy(a => a.Scope, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        int tp = 0, fp = 0, fn = 0;
        var days = 0;
        foreach (var s in scores)
        {
            var n = s.Flag.Length;
            days += n - FirstScoredDay;
            var label = new bool[n];
            foreach (var a in byScope.GetValueOrDefault(s.Series.Scope) ?? [])
            {
                for (var d = a.FirstDay; d <= a.LastDay; d++)
                {
                    label[d] = true;
                }
            }

            for (var t = FirstScoredDay; t < n; t++)
            {
                tp += s.Flag[t] && label[t] ? 1 : 0;
                fp += s.Flag[t] && !label[t] ? 1 : 0;
                fn += !s.Flag[t] && label[t] ? 1 : 0;
            }
        }

        var scored = alerts.Where(a => a.LastDate.DayNumber - start.DayNumber >= FirstScoredDay).ToList();
        bool Overlaps(CostAnomaly alert, InjectedAnomaly a) =>
            alert.Scope == a.Scope
            && alert.FirstDate.DayNumber - start.DayNumber <= a.LastDay + GraceDays
            && alert.LastDate.DayNumber - start.DayNumber >= a.FirstDay;
        var tpAlerts = scored.Count(al => (byScope.GetValueOrDefault(al.Scope) ?? []).Any(a => Overlaps(al, a)));
        var detected = 0;
        var delays = new List<double>();
        var flagsByScope = scores.ToDictionary(s => s.Series.Scope, s => s.Flag, StringComparer.Ordinal);
        foreach (var a in injected)
        {
            if (scored.Any(al => Overlaps(al, a)))
            {
                detected++;
                var flags = flagsByScope[a.Scope];
                var first = Enumerable.Range(a.FirstDay, Math.Min(flags.Length, a.LastDay + GraceDays + 1) - a.FirstDay).FirstOrDefault(d => flags[d], a.FirstDay);
                delays.Add(first - a.FirstDay);
            }
        }

        return new AnomalyEvaluation
        {
            Events = injected.Count,
            EventsDetected = detected,
            Alerts = scored.Count,
            TruePositiveAlerts = tpAlerts,
            PointTp = tp,
            PointFp = fp,
            PointFn = fn,
            MeanDelayDays = delays.Count == 0 ? double.NaN : delays.Average(),
            ScopeMonths = days / 30.4375,
        };
    }

    /// <summary>ROC AUC of a raw score against point labels (Mann–Whitney U with average ranks for ties).</summary>
    public static double RocAuc(IReadOnlyList<double> score, IReadOnlyList<bool> label)
    {
        var order = Enumerable.Range(0, score.Count).OrderBy(i => score[i]).ToArray();
        var ranks = new double[score.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && score[order[j + 1]] == score[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = ((i + j) / 2.0) + 1;
            }

            i = j + 1;
        }

        double pos = label.Count(l => l), neg = label.Count - pos;
        var sum = Enumerable.Range(0, label.Count).Where(i => label[i]).Sum(i => ranks[i]);
        return (sum - (pos * (pos + 1) / 2)) / (pos * neg);
    }

    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
