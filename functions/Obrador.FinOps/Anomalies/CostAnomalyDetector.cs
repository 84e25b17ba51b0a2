using System.Security.Cryptography;
using System.Text;

namespace Obrador.FinOps.Anomalies;

/// <summary>
/// Cost anomaly detection per scope and day. Two signals:
/// (1) the robust seasonal baseline (<see cref="RobustSeasonalBaseline"/>: weekly profile, median level, month-end
/// factor, MAD residual scale) gives a robust z-score and the expected range;
/// (2) an <see cref="IsolationForest"/> (Liu, Ting, Zhou 2008) fitted on the engineered features of all points of all
/// scopes scored together (<see cref="AnomalyFeatures"/>) gives s(x).
/// Combined score = w·a_z + (1 − w)·a_f with a_z = |z| / (|z| + z½) and a_f = clamp((s − 0.5) / 0.25, 0, 1).
/// A point is flagged when |z| ≥ ZGate, score ≥ ScoreThreshold and |actual − expected| ≥ MinImpact.
/// Severity: Critical when |z| ≥ 8 or impact ≥ 100% of expected, Warning when |z| ≥ 5 or ≥ 40%, else Info.
/// Deterministic for given data and options. Thread-safe (no mutable state).
/// </summary>
public sealed class CostAnomalyDetector
{
    private readonly AnomalyDetectorOptions options;

    /// <summary>Creates a detector.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public CostAnomalyDetector(AnomalyDetectorOptions? options = null)
    {
        this.options = options ?? new AnomalyDetectorOptions();
        this.options.Validate();
    }

    /// <summary>The options in use.</summary>
    public AnomalyDetectorOptions Options => options;

    /// <summary>Scores every point of every series; one isolation forest is fitted on all of them together.</summary>
    /// <exception cref="ArgumentException">A series has negative/NaN values or a parent of another length.</exception>
    public IReadOnlyList<SeriesScores> Score(IReadOnlyList<ScopeSeries> series) => Score(series, null);

    /// <summary>
    /// Scores with an optional replacement for the forest: <paramref name="externalForest"/> receives the feature matrix
    /// (rows × <see cref="AnomalyFeatures.Count"/>, row-major) and returns one s(x) per row. Used to compare the
    /// in-house forest with scikit-learn's on identical features.
    /// </summary>
    internal IReadOnlyList<SeriesScores> Score(IReadOnlyList<ScopeSeries> series, Func<double[], double[]>? externalForest)
    {
        ArgumentNullException.ThrowIfNull(series);
        var baselines = new BaselineResult[series.Count];
        Parallel.For(0, series.Count, i =>
        {
            Check(series[i]);
            baselines[i] = RobustSeasonalBaseline.Compute(series[i].Values, MonthEndFlags(series[i]), options);
        });

        var offsets = new int[series.Count + 1];
        for (var i = 0; i < series.Count; i++)
        {
            offsets[i + 1] = offsets[i] + Math.Max(0, series[i].Values.Length - options.MinHistory);
        }

        var features = new double[offsets[^1] * AnomalyFeatures.Count];
        Parallel.For(0, series.Count, i =>
        {
            for (var t = options.MinHistory; t < series[i].Values.Length; t++)
            {
                var row = offsets[i] + t - options.MinHistory;
                AnomalyFeatures.Fill(series[i], baselines[i], t, features.AsSpan(row * AnomalyFeatures.Count, AnomalyFeatures.Count));
            }
        });

        var external = externalForest?.Invoke(features);
        var forest = features.Length > 0 && external is null ? IsolationForest.Fit(features, AnomalyFeatures.Count, options.Forest) : null;
        var result = new SeriesScores[series.Count];
        Parallel.For(0, series.Count, i =>
        {
            var s = series[i];
            var b = baselines[i];
            var n = s.Values.Length;
            var score = new double[n];
            var flag = new bool[n];
            var forestScore = new double[n];
            Array.Fill(forestScore, double.NaN);
            for (var t = options.MinHistory; t < n; t++)
            {
                var row = offsets[i] + t - options.MinHistory;
                var f = external is not null ? external[row] : forest!.Score(features.AsSpan(row * AnomalyFeatures.Count, AnomalyFeatures.Count));
                forestScore[t] = f;
                score[t] = Combine(b.Z[t], f);
                flag[t] = Math.Abs(b.Z[t]) >= options.ZGate && score[t] >= options.ScoreThreshold
                    && Math.Abs(s.Values[t] - b.Expected[t]) >= options.MinImpact;
            }

            result[i] = new SeriesScores { Series = s, Score = score, Flag = flag, Z = b.Z, Expected = b.Expected, Sigma = b.Sigma, ForestScore = forestScore };
        });

        return result;
    }

    /// <summary>
    /// Scores the series and turns flagged days into deduplicated alerts, carrying over the status of
    /// <paramref name="existing"/> alerts with the same id; alerts with no flag in the last
    /// <see cref="AnomalyDetectorOptions.ResolveAfterDays"/> days before <paramref name="asOf"/> become Resolved.
    /// </summary>
    public IReadOnlyList<CostAnomaly> Detect(IReadOnlyList<ScopeSeries> series, DateOnly asOf, IReadOnlyList<CostAnomaly>? existing = null) =>
        Alerts(Score(series), asOf, existing);

    /// <summary>Alerts from already computed scores (see <see cref="Detect"/>).</summary>
    public IReadOnlyList<CostAnomaly> Alerts(IReadOnlyList<SeriesScores> scores, DateOnly asOf, IReadOnlyList<CostAnomaly>? existing = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var previous = (existing ?? []).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var alerts = new List<CostAnomaly>();
        foreach (var s in scores)
        {
            CostAnomaly? open = null;
            for (var t = 0; t < s.Flag.Length; t++)
            {
                if (!s.Flag[t])
                {
                    continue;
                }

                var day = s.Series.Start.AddDays(t);
                var dir = s.Z[t] >= 0 ? AnomalyDirection.Spike : AnomalyDirection.Drop;
                var point = PointAlert(s, t, day, dir);
                if (open is not null && open.Direction == dir && day.DayNumber - open.LastDate.DayNumber <= 2)
                {
                    var worse = point.Score > open.Score;
                    open = open with
                    {
                        LastDate = day,
                        Days = open.Days + 1,
                        Impact = open.Impact + point.Impact,
                        Score = Math.Max(open.Score, point.Score),
                        Severity = (AnomalySeverity)Math.Max((int)open.Severity, (int)point.Severity),
                        Actual = worse ? point.Actual : open.Actual,
                        Expected = worse ? point.Expected : open.Expected,
                        ExpectedLow = worse ? point.ExpectedLow : open.ExpectedLow,
                        ExpectedHigh = worse ? point.ExpectedHigh : open.ExpectedHigh,
                    };
                    alerts[^1] = open;
                }
                else
                {
                    open = point;
                    alerts.Add(open);
                }
            }
        }

        var result = new List<CostAnomaly>(alerts.Count + previous.Count);
        foreach (var a in alerts)
        {
            var status = previous.TryGetValue(a.Id, out var old) ? old.Status : AnomalyStatus.New;
            previous.Remove(a.Id);
            result.Add(a with { Status = Stale(a, asOf) ? AnomalyStatus.Resolved : status });
        }

        foreach (var old in previous.Values)
        {
            result.Add(Stale(old, asOf) ? old with { Status = AnomalyStatus.Resolved } : old);
        }

        return result.OrderBy(a => a.FirstDate).ThenBy(a => a.Scope, StringComparer.Ordinal).ThenBy(a => a.Direction).ToList();
    }

    /// <summary>
    /// Per-event check at ingestion: is <paramref name="value"/>, the cost of the day after <paramref name="history"/>
    /// observed so far (a share <paramref name="dayFraction"/> ∈ (0, 1] of the day), already abnormal? Expected value
    /// and scale are scaled by the fraction. Partial days only flag spikes, because a low partial total usually means
    /// the rest of the day has not been exported yet.
    /// </summary>
    /// <exception cref="ArgumentException">Too little history (fewer than MinHistory days) or a fraction outside (0, 1].</exception>
    public AnomalyCheck CheckLatest(ScopeSeries history, double value, double dayFraction = 1.0)
    {
        ArgumentNullException.ThrowIfNull(history);
        Check(history);
        if (history.Values.Length < options.MinHistory)
        {
            throw new ArgumentException($"need at least {options.MinHistory} days of history", nameof(history));
        }

        if (double.IsNaN(dayFraction) || dayFraction <= 0 || dayFraction > 1)
        {
            throw new ArgumentException("dayFraction must be in (0, 1]", nameof(dayFraction));
        }

        // Only the recent past shapes the next expected value (window, residual window, ~100 days of month-ends).
        var keep = Math.Min(history.Values.Length, (2 * options.WindowDays) + 110);
        var skip = history.Values.Length - keep;
        history = history with { Values = history.Values[skip..], ParentValues = null, Start = history.Start.AddDays(skip) };
        var flags = MonthEndFlags(history);
        var nextDay = history.Start.AddDays(history.Values.Length);
        var nextIsMonthEnd = history.IsDaily && IsMonthEnd(nextDay, options.MonthEndDays);
        var (e, s) = RobustSeasonalBaseline.PredictNext(history.Values, flags, nextIsMonthEnd, options);
        e *= dayFraction;
        s *= dayFraction;
        var z = (value - e) / s;
        var flagged = Math.Abs(value - e) >= options.MinImpact * dayFraction
            && (dayFraction < 1 ? z >= options.ZGate : Math.Abs(z) >= options.ZGate);
        return new AnomalyCheck
        {
            IsAnomaly = flagged,
            Expected = e,
            ExpectedLow = Math.Max(0, e - (options.ZGate * s)),
            ExpectedHigh = e + (options.ZGate * s),
            Z = z,
            Severity = flagged ? SeverityOf(z, value - e, e) : AnomalySeverity.Info,
        };
    }

    /// <summary>Deterministic alert id (16 hex chars of SHA-256 over scope, direction and first day).</summary>
    public static string AlertId(string scope, AnomalyDirection direction, DateOnly firstDate)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}|{direction}|{firstDate:yyyy-MM-dd}"));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 8));
    }

    internal static bool IsMonthEnd(DateOnly day, int monthEndDays) =>
        monthEndDays > 0 && day.Day > DateTime.DaysInMonth(day.Year, day.Month) - monthEndDays;

    internal double Combine(double z, double forestScore)
    {
        var az = Math.Abs(z) / (Math.Abs(z) + options.ZHalf);
        var af = Math.Clamp((forestScore - 0.5) / 0.25, 0, 1);
        return (options.ZWeight * az) + ((1 - options.ZWeight) * af);
    }

    private static AnomalySeverity SeverityOf(double z, double impact, double expected)
    {
        var rel = Math.Abs(impact) / Math.Max(Math.Abs(expected), 1e-9);
        var az = Math.Abs(z);
        return az >= 8 || rel >= 1.0 ? AnomalySeverity.Critical : az >= 5 || rel >= 0.4 ? AnomalySeverity.Warning : AnomalySeverity.Info;
    }

    private static void Check(ScopeSeries s)
    {
        foreach (var v in s.Values)
        {
            if (double.IsNaN(v) || double.IsInfinity(v))
            {
                throw new ArgumentException($"series '{s.Scope}' has a non-finite value", nameof(s));
            }
        }

        if (s.ParentValues is { } p && p.Length != s.Values.Length)
        {
            throw new ArgumentException($"series '{s.Scope}': parent has {p.Length} values, series {s.Values.Length}", nameof(s));
        }
    }

    private bool[] MonthEndFlags(ScopeSeries s)
    {
        if (!s.IsDaily || options.MonthEndDays == 0)
        {
            return [];
        }

        var flags = new bool[s.Values.Length];
        for (var t = 0; t < flags.Length; t++)
        {
            flags[t] = IsMonthEnd(s.Start.AddDays(t), options.MonthEndDays);
        }

        return flags;
    }

    private CostAnomaly PointAlert(SeriesScores s, int t, DateOnly day, AnomalyDirection dir)
    {
        var e = s.Expected[t];
        var half = options.ZGate * s.Sigma[t];
        return new CostAnomaly
        {
            Id = AlertId(s.Series.Scope, dir, day),
            Scope = s.Series.Scope,
            Dimension = s.Series.Dimension,
            Currency = s.Series.Currency,
            FirstDate = day,
            LastDate = day,
            Direction = dir,
            Actual = s.Series.Values[t],
            Expected = e,
            ExpectedLow = Math.Max(0, e - half),
            ExpectedHigh = e + half,
            Impact = s.Series.Values[t] - e,
            Score = s.Score[t],
            Severity = SeverityOf(s.Z[t], s.Series.Values[t] - e, e),
            Days = 1,
        };
    }

    private bool Stale(CostAnomaly a, DateOnly asOf) => asOf.DayNumber - a.LastDate.DayNumber > options.ResolveAfterDays;
}
