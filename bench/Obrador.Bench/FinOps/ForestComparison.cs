using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Obrador.FinOps.Anomalies;
using Obrador.FinOps.Synthetic;

namespace Obrador.Bench.FinOps;

/// <summary>
/// Our isolation forest vs scikit-learn's <c>IsolationForest</c> (bench/peers/finops_iforest.py) on the identical
/// feature matrix, same t = 100 and ψ = 256, in the same run: fit + score time, ROC AUC of the forest score alone
/// against the injected-anomaly labels, and the event F1 of the full detector with either forest plugged in.
/// </summary>
internal static class ForestComparison
{
    public static void Run(CostAnomalyDetector detector, IReadOnlyList<ScopeSeries> series, IReadOnlyList<InjectedAnomaly> injected)
    {
        double[]? features = null;
        double oursSeconds = 0;
        var ours = detector.Score(series, f =>
        {
            features = f;
            var sw = Stopwatch.StartNew();
            var forest = IsolationForest.Fit(f, AnomalyFeatures.Count, detector.Options.Forest);
            var rows = f.Length / AnomalyFeatures.Count;
            var s = new double[rows];
            Parallel.For(0, rows, r => s[r] = forest.Score(f.AsSpan(r * AnomalyFeatures.Count, AnomalyFeatures.Count)));
            oursSeconds = sw.Elapsed.TotalSeconds;
            return s;
        });

        double peerWall = 0, peerFitScore = 0;
        double[]? peerRaw = null;
        var peer = detector.Score(series, f =>
        {
            var (scores, fitScore, wall) = Sklearn(f);
            peerRaw = scores;
            peerFitScore = fitScore;
            peerWall = wall;
            return scores;
        });

        var labels = Labels(series, injected, detector.Options.MinHistory);
        var oursRaw = ours.SelectMany(s => s.ForestScore.Skip(detector.Options.MinHistory)).ToArray();
        var asOf = series[0].Start.AddDays(series[0].Values.Length - 1);
        var oursEval = AnomalyEvaluation.Evaluate(ours, detector.Alerts(ours, asOf), injected);
        var peerEval = AnomalyEvaluation.Evaluate(peer, detector.Alerts(peer, asOf), injected);
        Console.WriteLine($"## Isolation forest vs scikit-learn {SklearnVersion()} (same {features!.Length / AnomalyFeatures.Count:N0} x {AnomalyFeatures.Count} features, t = 100, psi = 256)\n");
        Console.WriteLine("| forest | fit + score (s) | ROC AUC of forest score alone | detector event F1 | detector point F1 |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Obrador (C#) | {oursSeconds:F3} | {AnomalyEvaluation.RocAuc(oursRaw, labels):F4} | {oursEval.EventF1:F3} | {oursEval.PointF1:F3} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| scikit-learn | {peerFitScore:F3} (process wall {peerWall:F2}) | {AnomalyEvaluation.RocAuc(peerRaw!, labels):F4} | {peerEval.EventF1:F3} | {peerEval.PointF1:F3} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nSpeed ratio (sklearn fit+score / ours): {peerFitScore / oursSeconds:F2}x\n"));
    }

    private static bool[] Labels(IReadOnlyList<ScopeSeries> series, IReadOnlyList<InjectedAnomaly> injected, int minHistory)
    {
        var byScope = injected.ToLookup(a => a.Scope, StringComparer.Ordinal);
        var labels = new List<bool>();
        foreach (var s in series)
        {
            for (var t = minHistory; t < s.Values.Length; t++)
            {
                labels.Add(byScope[s.Scope].Any(a => t >= a.FirstDay && t <= a.LastDay));
            }
        }

        return labels.ToArray();
    }

    private static (double[] Scores, double FitScoreSeconds, double WallSeconds) Sklearn(double[] features)
    {
        var dir = Directory.CreateTempSubdirectory("obrador-finops-");
        try
        {
            var input = Path.Combine(dir.FullName, "features.f64");
            var output = Path.Combine(dir.FullName, "scores.f64");
            var bytes = new byte[features.Length * sizeof(double)];
            Buffer.BlockCopy(features, 0, bytes, 0, bytes.Length);
            File.WriteAllBytes(input, bytes);
            var script = Path.Combine(RepoRoot(), "bench", "peers", "finops_iforest.py");
            var sw = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, input, AnomalyFeatures.Count.ToString(CultureInfo.InvariantCulture), output]) { RedirectStandardOutput = true })!;
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var wall = sw.Elapsed.TotalSeconds;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("sklearn peer failed: " + stdout);
            }

            using var json = JsonDocument.Parse(stdout);
            var fitScore = json.RootElement.GetProperty("fit_s").GetDouble() + json.RootElement.GetProperty("score_s").GetDouble();
            var raw = File.ReadAllBytes(output);
            var scores = new double[raw.Length / sizeof(double)];
            Buffer.BlockCopy(raw, 0, scores, 0, raw.Length);
            return (scores, fitScore, wall);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string SklearnVersion()
    {
        using var p = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import sklearn; print(sklearn.__version__)"]) { RedirectStandardOutput = true })!;
        var v = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return v;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found");
    }
}
