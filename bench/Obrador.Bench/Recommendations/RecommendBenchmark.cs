using System.Diagnostics;
using System.Globalization;
using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Evaluation;

namespace Obrador.Bench.Recommendations;

/// <summary>
/// Real data: every algorithm under both protocols on online-retail (purchases + descriptions) and bread-basket
/// (transactions as users), with the python peer (numpy/scipy popularity and EASE) on the same random split.
/// </summary>
internal sealed class RecommendBenchmark : IBenchmark
{
    public string Name => "recommend";

    public string Description => "Recommenders on online-retail and bread-basket: metric table per algorithm and protocol, vs numpy peer";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var data = args.Length > 0 ? args[0] : SharedData.Path;
        var sets = new (string Name, string File, CsvColumns Columns, double HoldoutDays)[]
        {
            ("online-retail", Path.Combine(data, "online-retail", "online_retail_first10000_clean.csv"),
                new CsvColumns { User = "CustomerID", Item = "StockCode", Timestamp = "InvoiceDate", Text = "Description" }, 2),
            ("bread-basket", Path.Combine(data, "bread-basket", "BreadBasket_DMS.csv"),
                new CsvColumns { User = "Transaction", Item = "Item", Timestamp = "Date+Time", Text = "Item" }, 14),
        };

        var verdicts = new List<string>();
        foreach (var (name, file, columns, holdoutDays) in sets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dataset = InteractionCsvReader.Read(file, columns);
            Console.WriteLine();
            Console.WriteLine($"## {name}: {dataset.Interactions.Count} rows, {dataset.Interactions.Select(e => e.UserId).Distinct().Count()} users, " +
                $"{dataset.Interactions.Select(e => e.ItemId).Distinct().Count()} items, {dataset.Rejected.Count} rejected");
            foreach (var protocol in new[] { SplitProtocol.Random, SplitProtocol.Chronological })
            {
                var options = new EvaluationOptions { Protocol = protocol, HoldoutDays = holdoutDays };
                var algorithms = RecommenderFactory.Names.Select(n => RecommenderFactory.Create(n, dataset.Items)).ToList();
                var rows = RecommenderEvaluator.Evaluate(dataset.Interactions, algorithms, options, EvaluateCommandRunner.EvaluationInteractionOptions, dataset.Items.Keys);
                Console.WriteLine();
                Console.WriteLine($"### {name}, {protocol.ToString().ToLowerInvariant()} (train {rows[0].TrainEvents} / test {rows[0].TestEvents} events, {rows[0].Metrics.Users} test users of which {rows[0].ColdTestUsers} without training history)");
                EvaluateCommandRunner.WriteTable(rows, Console.Out);
                var hybrid = rows.Single(r => r.Algorithm == "hybrid").Metrics.Ndcg;
                var popularity = rows.Single(r => r.Algorithm == "popularity").Metrics.Ndcg;
                verdicts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{name} {protocol.ToString().ToLowerInvariant()}: hybrid NDCG@10 {hybrid:F4} vs popularity {popularity:F4} → {(hybrid > popularity ? "beats" : "DOES NOT beat")} popularity (×{hybrid / Math.Max(popularity, 1e-12):F2})"));
                if (protocol == SplitProtocol.Random)
                {
                    RunPeer(name, dataset, options, rows);
                }
            }
        }

        Console.WriteLine();
        foreach (var v in verdicts)
        {
            Console.WriteLine($"- {v}");
        }

        return Task.CompletedTask;
    }

    /// <summary>Writes the same random split to CSV and lets numpy compute popularity and EASE on it.</summary>
    private static void RunPeer(string name, InteractionDataset dataset, EvaluationOptions options, IReadOnlyList<EvaluationRow> ours)
    {
        var split = RecommenderEvaluator.Split(dataset.Interactions, options);
        var dir = Path.Combine(Path.GetTempPath(), $"obrador-recs-{name}");
        Directory.CreateDirectory(dir);
        WritePairs(Path.Combine(dir, "train.csv"), split.Train);
        WritePairs(Path.Combine(dir, "test.csv"), split.Test);
        var output = Peer.Run("recs_peer.py", $"eval {dir}/train.csv {dir}/test.csv {options.K} 250");
        if (output is null)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"peer (numpy, same split): {output.Trim()}");
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var algorithm = parts[0];
            var peerNdcg = double.Parse(parts.Single(p => p.StartsWith("ndcg=", StringComparison.Ordinal))[5..], CultureInfo.InvariantCulture);
            var peerFit = double.Parse(parts.Single(p => p.StartsWith("fit_ms=", StringComparison.Ordinal))[7..], CultureInfo.InvariantCulture);
            var mine = ours.Single(r => r.Algorithm == algorithm);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {algorithm}: NDCG@10 ours {mine.Metrics.Ndcg:F4} vs numpy {peerNdcg:F4}; fit ours {mine.FitTime.TotalMilliseconds:F0} ms vs numpy {peerFit:F0} ms (ratio numpy/ours ×{peerFit / Math.Max(mine.FitTime.TotalMilliseconds, 0.01):F2})"));
        }
    }

    private static void WritePairs(string path, IReadOnlyList<Interaction> events)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("user,item");
        foreach (var e in events)
        {
            w.WriteLine($"\"{e.UserId.Replace("\"", "\"\"", StringComparison.Ordinal)}\",\"{e.ItemId.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        }
    }
}
