using System.Diagnostics;
using System.Globalization;
using Obrador.FinOps.Aggregation;
using Obrador.FinOps.Anomalies;
using Obrador.FinOps.Labelling;
using Obrador.FinOps.Normalisation;
using Obrador.FinOps.Synthetic;

namespace Obrador.Bench.FinOps;

/// <summary>
/// <c>finops [--resources 10000] [--days 400] [--seed 1] [--no-peer]</c>: the FinOps stage set on generated data
/// (timed), anomaly precision/recall/F1 per injected kind and false alerts on clean data, our isolation forest vs
/// scikit-learn's on the same features (same run), and auto-labelling quality on synthetic and real resources.
/// </summary>
internal sealed class FinOpsBenchmark : IBenchmark
{
    public string Name => "finops";

    public string Description => "FinOps stages on 10k resources x 400 days; anomaly F1 per kind; tag accuracy; vs sklearn IsolationForest";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var resources = Arg(args, "--resources", 10_000);
        var days = Arg(args, "--days", 400);
        var seed = Arg(args, "--seed", 1);
        var peer = !args.Contains("--no-peer");
        var shared = SharedDataPath();
        var sources = new[] { "focus-sample/focus_sample.csv", "finops-toolkit/cost-exports/EA_ActualCost_Small.csv", "finops-toolkit/cost-exports/EA_AmortizedCost_Small.csv" };
        var templates = sources.SelectMany(p => BillingCsvReader.ReadFile(Path.Combine(shared, p)).Records).ToList();
        var options = new GeneratorOptions { Resources = resources, Days = days, Seed = seed };
        Console.WriteLine($"# finops benchmark: {resources:N0} resources x {days} days, seed {seed}, {Environment.ProcessorCount} cores, {templates.Count} real template rows\n");

        var sw = Stopwatch.StartNew();
        var data = CostDataGenerator.Generate(templates, options);
        Console.WriteLine($"generator: {sw.Elapsed.TotalSeconds:F1} s (not part of the stage set)\n");
        var run = StageRun.Run(data);
        PrintStages(run);

        var detector = new CostAnomalyDetector();
        var rg = DailyCostSeries.Build(run.Gold, CostDimension.ResourceGroup);
        Console.WriteLine("## Anomaly detection (resource-group scopes)\n");
        Console.WriteLine("| data | events | detected | alerts | event P | event R | event F1 | point P | point R | point F1 | mean delay (days) | false alerts / scope-month |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        var mixedScores = detector.Score(rg);
        PrintEvaluation("mixed (all kinds)", AnomalyEvaluation.Evaluate(mixedScores, detector.Alerts(mixedScores, run.Gold.Max(r => r.Date)), data.Anomalies));
        foreach (var kind in Enum.GetValues<AnomalyKind>())
        {
            var kindData = CostDataGenerator.Generate(templates, options with { Kinds = [kind] });
            var series = MatrixSeries(kindData, r => r.GroupScope, nameof(CostDimension.ResourceGroup));
            var scores = detector.Score(series);
            PrintEvaluation(kind.ToString(), AnomalyEvaluation.Evaluate(scores, detector.Alerts(scores, kindData.Start.AddDays(days - 1)), kindData.Anomalies));
        }

        var clean = CostDataGenerator.Generate(templates, options with { AnomalyShare = 0 });
        var cleanRg = MatrixSeries(clean, r => r.GroupScope, nameof(CostDimension.ResourceGroup));
        var cleanScores = detector.Score(cleanRg);
        PrintEvaluation("clean (no injection)", AnomalyEvaluation.Evaluate(cleanScores, detector.Alerts(cleanScores, clean.Start.AddDays(days - 1)), []));
        var cleanAll = cleanRg.Concat(MatrixSeries(clean, r => r.SubAccountId, "Subscription")).Concat(MatrixSeries(clean, r => r.ServiceName, "Service")).ToList();
        var cleanAllScores = detector.Score(cleanAll);
        PrintEvaluation("clean, RG + subscription + service scopes", AnomalyEvaluation.Evaluate(cleanAllScores, detector.Alerts(cleanAllScores, clean.Start.AddDays(days - 1)), []));
        Console.WriteLine();
        IngestionCheckEvaluation.Run(detector, rg, data.Anomalies);
        ForecastComparison.Run(cleanAll);

        if (peer)
        {
            ForestComparison.Run(detector, rg, data.Anomalies);
        }

        Labelling(run, data, templates);
        return Task.CompletedTask;
    }

    private static void PrintStages(StageRun.Result run)
    {
        Console.WriteLine($"## Stage set ({run.Rows:N0} billing rows, {run.Gold.Count:N0} daily_cost rows, {run.Scopes} scopes scored, {run.Alerts.Count} alerts, {run.Forecasts} forecasts, {run.BudgetAlerts} budget alerts)\n");
        Console.WriteLine("| stage | wall s | CPU s (all threads) |");
        Console.WriteLine("|---|---|---|");
        foreach (var (stage, seconds, cpu) in run.Timings)
        {
            Console.WriteLine($"| {stage} | {seconds:F2} | {cpu:F2} |");
        }

        Console.WriteLine($"| **total** | **{run.TotalSeconds:F2}** (target < 60) | {run.TotalCpuSeconds:F2} |");
        Console.WriteLine($"| {run.Render.Stage} | {run.Render.Seconds:F2} | {run.Render.CpuSeconds:F2} |\n");
        Console.WriteLine($"Load average when the stage set finished: {LoadAverage()}\n");
        Console.WriteLine($"Reconciliation: source EffectiveCost {run.RawSourceTotal:N2} USD; max |gold − source| over {run.Reconciliation.GoldTotal.Count} dimension totals = {run.Reconciliation.MaxDifference:0.00} → reconciled to the cent: {run.Reconciliation.Reconciled}\n");
    }

    private static void PrintEvaluation(string name, AnomalyEvaluation e) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {e.Events} | {e.EventsDetected} | {e.Alerts} | {e.EventPrecision:F3} | {e.EventRecall:F3} | **{e.EventF1:F3}** | {e.PointPrecision:F3} | {e.PointRecall:F3} | {e.PointF1:F3} | {e.MeanDelayDays:F2} | {e.FalseAlertsPerScopeMonth:F3} |"));

    private static void Labelling(StageRun.Result run, SyntheticCostData data, IReadOnlyList<CostRecord> templates)
    {
        var suggester = new TagSuggester();
        Console.WriteLine("## Auto-labelling\n");
        Console.WriteLine("Held-out (20% of resources carrying the tag), synthetic inventory:\n");
        PrintTagTable(suggester.Evaluate(run.Inventory));

        var truth = data.Resources.ToDictionary(r => r.ResourceId, StringComparer.OrdinalIgnoreCase);
        var suggestions = run.Tags.Suggestions;
        var right = suggestions.Count(s => truth[s.ResourceId].TrueTags[s.Tag] == s.Value);
        var missing = data.Resources.Sum(r => 4 - r.ObservedTags.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Suggestions for the {missing:N0} truly missing tags: {suggestions.Count:N0} made ({(double)suggestions.Count / missing:P1} coverage), {(double)right / Math.Max(1, suggestions.Count):P2} correct against the hidden true tags.\n"));
        var c = run.Tags.Compliance;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Label compliance (share of cost carrying owner, cost-center, application, environment): before {c.ShareBefore:P1} → after {c.ShareAfter:P1} (target ≥ 95%).\n"));
        foreach (var m in run.Tags.Models)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {m.Tag}: {m.TrainingResources} training resources, {m.Classes} values, T = {m.Temperature:F2}, threshold {m.Threshold:F3}"));
        }

        var real = ResourceInventoryItem.FromRecords(templates);
        var realOptions = new LabellingOptions
        {
            RequiredTags = [new RequiredTag("application", []), new RequiredTag("environment", ["env"]), new RequiredTag("business_unit", [])],
        };
        Console.WriteLine($"\nReal resources of the FOCUS sample + EA exports ({real.Count} resources; application/environment/business_unit as the tags to predict):\n");
        PrintTagTable(new TagSuggester(realOptions).Evaluate(real));
    }

    private static void PrintTagTable(IReadOnlyList<TagEvaluation> evaluations)
    {
        Console.WriteLine("| tag | test resources | values | accuracy (no abstain) | macro-F1 | threshold | coverage | accuracy at threshold |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var e in evaluations)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {e.Tag} | {e.TestResources} | {e.Classes} | {e.Accuracy:F3} | {e.MacroF1:F3} | {e.Threshold:F3} | {e.Coverage:F3} | **{e.AccuracyAtThreshold:F3}** |"));
        }

        Console.WriteLine();
    }

    /// <summary>Series straight from the generator's cost matrix (cent-rounded like the billing rows), with the total as parent.</summary>
    internal static IReadOnlyList<ScopeSeries> MatrixSeries(SyntheticCostData data, Func<SyntheticResource, string> key, string dimension)
    {
        var total = new double[data.Days];
        var sums = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var i = 0; i < data.Resources.Count; i++)
        {
            var k = key(data.Resources[i]);
            if (!sums.TryGetValue(k, out var s))
            {
                sums[k] = s = new double[data.Days];
            }

            for (var d = 0; d < data.Days; d++)
            {
                var v = (double)Math.Round((decimal)data.Cost[i][d], 2);
                s[d] += v;
                total[d] += v;
            }
        }

        return sums.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new ScopeSeries { Scope = p.Key, Dimension = dimension, Currency = "USD", Start = data.Start, Values = p.Value, ParentValues = total })
            .ToList();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string SharedDataPath()
    {
        if (Environment.GetEnvironmentVariable("OBRADOR_SHARED_DATA") is { Length: > 0 } d)
        {
            return d;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            }
        }

        throw new InvalidOperationException("shared data not found; set OBRADOR_SHARED_DATA");
    }
}
