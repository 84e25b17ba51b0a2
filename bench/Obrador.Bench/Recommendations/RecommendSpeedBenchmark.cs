using System.Diagnostics;
using System.Globalization;
using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Ranking;

namespace Obrador.Bench.Recommendations;

/// <summary>
/// Speed targets on seeded synthetic data: SAR and EASE training on 100k interactions (&lt; 1 s), ALS 64 factors ×
/// 15 iterations on 1M interactions (&lt; 30 s), batch top-10 for 100k users (&lt; 30 s); numpy/scipy peers on the
/// same data for SAR, EASE and batch SAR scoring.
/// </summary>
internal sealed class RecommendSpeedBenchmark : IBenchmark
{
    public string Name => "recommend-speed";

    public string Description => "Recommender training/scoring speed on synthetic power-law data vs numpy/scipy";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var scale = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1.0;
        var rows = new List<string>();
        var dir = Path.Combine(Path.GetTempPath(), "obrador-recs-speed");
        Directory.CreateDirectory(dir);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        // 1) SAR and EASE on 100k interactions: 10k users × 2,000 items.
        var small = SyntheticInteractions.Generate((int)(10_000 * scale), 2_000, (int)(100_000 * scale), seed: 1);
        var smallData = InteractionMatrix.Build(small, Unit);
        WritePairs(Path.Combine(dir, "small.csv"), small);
        var sar = new SarRecommender();
        var sarMs = Time(() => sar.Fit(smallData));
        var sarPeer = PeerMs("fit-sar " + Path.Combine(dir, "small.csv"));
        rows.Add(Row($"SAR fit, {small.Count:N0} interactions ({smallData.UserCount:N0} users × {smallData.ItemCount:N0} items)", sarMs, 1_000, sarPeer, "scipy XᵀX + Jaccard"));
        var ease = new EaseRecommender();
        var easeMs = Time(() => ease.Fit(smallData));
        var easePeer = PeerMs("fit-ease " + Path.Combine(dir, "small.csv") + " 250");
        rows.Add(Row($"EASE fit, {small.Count:N0} interactions ({smallData.ItemCount:N0} items)", easeMs, 1_000, easePeer, "numpy inv"));
        cancellationToken.ThrowIfCancellationRequested();

        // 2) ALS 64 factors × 15 iterations on 1M interactions: 100k users × 10k items.
        var large = SyntheticInteractions.Generate((int)(100_000 * scale), 10_000, (int)(1_000_000 * scale), seed: 2);
        var largeData = InteractionMatrix.Build(large, Unit);
        var als = new AlsRecommender(new AlsOptions { Factors = 64, Iterations = 15 });
        var alsMs = Time(() => als.Fit(largeData));
        rows.Add(Row($"ALS fit, 64 factors × 15 iterations, {large.Count:N0} interactions ({largeData.UserCount:N0} users × {largeData.ItemCount:N0} items)", alsMs, 30_000, null, "no peer (implicit not installed)"));
        cancellationToken.ThrowIfCancellationRequested();

        // 3) Batch top-10 for every user of the 1M set, with SAR and with ALS.
        var users = Enumerable.Range(0, largeData.UserCount).ToArray();
        var sarLarge = new SarRecommender();
        var sarLargeFit = Time(() => sarLarge.Fit(largeData));
        rows.Add(Row($"SAR fit, {large.Count:N0} interactions", sarLargeFit, null, null, string.Empty));
        WritePairs(Path.Combine(dir, "large.csv"), large);
        var sarBatch = Time(() => new RecommendationEngine(largeData, sarLarge).RecommendBatch(users, 10));
        var sarBatchPeer = PeerMs("batch-sar " + Path.Combine(dir, "large.csv") + " 10");
        rows.Add(Row($"batch top-10 SAR, {users.Length:N0} users × {largeData.ItemCount:N0} items, seen removed", sarBatch, 30_000, sarBatchPeer, "scipy X·S + argpartition"));
        var alsBatch = Time(() => new RecommendationEngine(largeData, als).RecommendBatch(users, 10));
        rows.Add(Row($"batch top-10 ALS, {users.Length:N0} users × {largeData.ItemCount:N0} items, seen removed", alsBatch, 30_000, null, string.Empty));

        Console.WriteLine();
        Console.WriteLine("| measurement | Obrador wall ms | Obrador CPU ms | target ms | met (wall) | peer wall ms | peer/Obrador | peer |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|---:|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        return Task.CompletedTask;
    }

    private static readonly InteractionOptions Unit = new()
    {
        HalfLifeDays = 30,
        EventWeights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { [EventTypes.Purchase] = 1.0 },
    };

    /// <summary>Wall milliseconds; the process CPU milliseconds spent go to <see cref="LastCpuMs"/>.</summary>
    private static double Time(Action action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        action();
        var wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        LastCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        return wall;
    }

    private static double LastCpuMs { get; set; }

    private static string Row(string what, double ms, double? targetMs, double? peerMs, string peer) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {ms:F0} | {LastCpuMs:F0} | {(targetMs is { } t ? t.ToString("F0", CultureInfo.InvariantCulture) : "")} | {(targetMs is { } t2 ? (ms < t2 ? "yes" : "NO") : "")} | {(peerMs is { } p ? p.ToString("F0", CultureInfo.InvariantCulture) : "")} | {(peerMs is { } p2 ? (p2 / ms).ToString("F2", CultureInfo.InvariantCulture) : "")} | {peer} |");

    private static double? PeerMs(string arguments)
    {
        var output = Peer.Run("recs_peer.py", arguments);
        var token = output?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(t => t.StartsWith("fit_ms=", StringComparison.Ordinal) || t.StartsWith("ms=", StringComparison.Ordinal));
        return token is null ? null : double.Parse(token[(token.IndexOf('=', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
    }

    private static void WritePairs(string path, IReadOnlyList<Interaction> events)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("user,item");
        foreach (var e in events)
        {
            w.WriteLine($"{e.UserId},{e.ItemId}");
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
