using Obrador.FinOps.Anomalies;

namespace Obrador.FinOps.Tests;

public sealed class AnomalyTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);

    /// <summary>100 · weekly profile (weekend 0.6) · (1 + 5% noise), seeded.</summary>
    private static double[] Weekly(int days, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, days).Select(d =>
        {
            var weekend = Start.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            return 100 * (weekend ? 0.6 : 1.0) * (1 + (0.05 * ((random.NextDouble() * 2) - 1)));
        }).ToArray();
    }

    [Fact]
    public void IsolationForest_AveragePathLength_MatchesPaperValues()
    {
        Assert.Equal(0, IsolationForest.AveragePathLength(1));
        Assert.Equal(1, IsolationForest.AveragePathLength(2));
        // c(256) = 2(ln 255 + γ) − 2·255/256 ≈ 10.2448.
        Assert.Equal(10.2448, IsolationForest.AveragePathLength(256), 3);
    }

    [Fact]
    public void IsolationForest_ClusterWithOutlier_ScoresOutlierHighest()
    {
        var random = new Random(3);
        var data = new List<double>();
        for (var i = 0; i < 500; i++)
        {
            data.Add(random.NextDouble());
            data.Add(random.NextDouble());
        }

        data.AddRange([8.0, 8.0]);
        var forest = IsolationForest.Fit(data.ToArray(), 2);

        var outlier = forest.Score([8.0, 8.0]);
        var inlier = forest.Score([0.5, 0.5]);

        Assert.True(outlier > 0.7, $"outlier {outlier}");
        Assert.True(inlier < 0.5, $"inlier {inlier}");
    }

    [Fact]
    public void IsolationForest_SameSeed_SameScores_OtherSeed_Differs()
    {
        var random = new Random(5);
        var data = Enumerable.Range(0, 600).Select(_ => random.NextDouble()).ToArray();
        var a = IsolationForest.Fit(data, 3, new IsolationForestOptions { Seed = 1 });
        var b = IsolationForest.Fit(data, 3, new IsolationForestOptions { Seed = 1 });
        var c = IsolationForest.Fit(data, 3, new IsolationForestOptions { Seed = 2 });

        Assert.Equal(a.Score([0.1, 0.9, 0.3]), b.Score([0.1, 0.9, 0.3]));
        Assert.NotEqual(a.Score([0.1, 0.9, 0.3]), c.Score([0.1, 0.9, 0.3]));
    }

    [Fact]
    public void RobustSeasonalBaseline_WeeklySeries_ExpectsTheWeekendDip()
    {
        var y = Weekly(120, 1);
        var b = RobustSeasonalBaseline.Compute(y, [], new AnomalyDetectorOptions());

        for (var t = 60; t < 120; t++)
        {
            var truth = Start.AddDays(t).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 60 : 100;
            Assert.InRange(b.Expected[t], truth * 0.95, truth * 1.05);
            Assert.InRange(Math.Abs(b.Z[t]), 0, 4);
        }

        Assert.True(double.IsNaN(b.Z[5]));
    }

    [Fact]
    public void CostAnomalyDetector_SpikeAndDip_AreFlaggedAndCleanDaysAreNot()
    {
        var y = Weekly(150, 2);
        y[100] *= 2.5;
        y[120] *= 0.3;
        var detector = new CostAnomalyDetector();

        var scores = detector.Score([new ScopeSeries { Scope = "s", Start = Start, Values = y }])[0];

        Assert.True(scores.Flag[100]);
        Assert.True(scores.Flag[120]);
        Assert.True(scores.Z[100] > 10);
        Assert.True(scores.Z[120] < -10);
        Assert.Equal(2, scores.Flag.Count(f => f));
        Assert.True(scores.Score[100] > scores.Score[99]);
    }

    [Fact]
    public void CostAnomalyDetector_Alerts_MergeConsecutiveDaysAndKeepAcknowledgement()
    {
        var y = Weekly(150, 4);
        for (var t = 100; t < 104; t++)
        {
            y[t] *= 3;
        }

        var detector = new CostAnomalyDetector();
        var series = new ScopeSeries { Scope = "sub/rg", Start = Start, Values = y, Currency = "USD" };

        var first = detector.Detect([series], Start.AddDays(149));
        var alert = Assert.Single(first);
        Assert.Equal(Start.AddDays(100), alert.FirstDate);
        Assert.Equal(AnomalyDirection.Spike, alert.Direction);
        Assert.True(alert.Days >= 2);
        Assert.Equal(AnomalySeverity.Critical, alert.Severity);
        Assert.True(alert.Impact > 400);
        Assert.True(alert.Actual > alert.ExpectedHigh);
        Assert.Equal(AnomalyStatus.Resolved, alert.Status);

        var open = detector.Detect([series with { Values = y[..105] }], Start.AddDays(104));
        Assert.Equal(AnomalyStatus.New, Assert.Single(open).Status);
        var acknowledged = open[0] with { Status = AnomalyStatus.Acknowledged };
        var rerun = detector.Detect([series with { Values = y[..106] }], Start.AddDays(105), [acknowledged]);
        Assert.Equal(AnomalyStatus.Acknowledged, Assert.Single(rerun).Status);
        Assert.Equal(acknowledged.Id, rerun[0].Id);
    }

    [Fact]
    public void CostAnomalyDetector_CheckLatest_FlagsPartialDaySpikeButNotPartialNormalDay()
    {
        var y = Weekly(70, 6);
        var detector = new CostAnomalyDetector();
        var history = new ScopeSeries { Scope = "s", Start = Start, Values = y };
        var weekday = Start.AddDays(70).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 60 : 100;

        var spike = detector.CheckLatest(history, weekday * 0.25 * 3, dayFraction: 0.25);
        var normal = detector.CheckLatest(history, weekday * 0.25, dayFraction: 0.25);
        var lowPartial = detector.CheckLatest(history, weekday * 0.05, dayFraction: 0.25);

        Assert.True(spike.IsAnomaly);
        Assert.False(normal.IsAnomaly);
        Assert.False(lowPartial.IsAnomaly);
        Assert.InRange(normal.Expected, weekday * 0.25 * 0.95, weekday * 0.25 * 1.05);
    }

    [Fact]
    public void CostAnomalyDetector_TooShortHistory_Throws()
    {
        var detector = new CostAnomalyDetector();
        Assert.Throws<ArgumentException>(() => detector.CheckLatest(new ScopeSeries { Scope = "s", Start = Start, Values = [1, 2, 3] }, 1));
    }

    [Fact]
    public void AnomalyDetectorOptions_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CostAnomalyDetector(new AnomalyDetectorOptions { ZWeight = double.NaN }));
    }

    [Fact]
    public void CsvAnomalyScorer_HourlySeries_WritesOneScoreAndLabelPerRow()
    {
        var sb = new System.Text.StringBuilder("ts,v\n");
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var h = 0; h < 24 * 30; h++)
        {
            var v = 10 + (5 * Math.Sin(2 * Math.PI * h / 24)) + (h == 600 ? 40 : 0);
            sb.Append(t0.AddHours(h).ToString("s", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(v.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        using var output = new StringWriter();
        var flagged = CsvAnomalyScorer.Score(new StringReader(sb.ToString()), output, "ts", "v");

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(24 * 30 + 1, lines.Length);
        Assert.Equal("timestamp,value,score,label", lines[0]);
        Assert.EndsWith(",1", lines[601]);
        Assert.InRange(flagged, 1, 3);
        Assert.Equal(24, CsvAnomalyScorer.InferSeason(TimeSpan.FromHours(1)));
        Assert.Equal(7, CsvAnomalyScorer.InferSeason(TimeSpan.FromDays(1)));
    }

    [Fact]
    public void CsvAnomalyScorer_MissingColumn_ThrowsNamingIt()
    {
        var e = Assert.Throws<FinOpsException>(() => CsvAnomalyScorer.Score(new StringReader("a,b\n1,2\n"), TextWriter.Null, "ts", "b"));
        Assert.Contains("ts", e.Message, StringComparison.Ordinal);
    }
}
