using System.Diagnostics;
using System.Globalization;
using System.Net;
using Obrador.Bench.Recommendations;
using Obrador.Lake.Storage;

namespace Obrador.Bench.Serving;

/// <summary>
/// wrk on loopback against the published app over 100k users and 10k items: cached reads of recommendations and
/// forecasts, health, and the trivial <c>/api/ping</c> of the same app as the ceiling, at 16 and 64 connections.
/// Targets (issue 9): p99 under 10 ms at 64 connections, cached reads at least 0.5× the ceiling's throughput.
/// </summary>
internal sealed class ServingBenchmark : IBenchmark
{
    public string Name => "serving";

    public string Description => "wrk: recommendations/forecasts/health vs /api/ping (same app), 100k users, 10k items";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var users = Arg(args, "--users", 100_000);
        var items = Arg(args, "--items", 10_000);
        var stores = Arg(args, "--stores", 20);
        var products = Arg(args, "--products", 50);
        var duration = Arg(args, "--duration", 10);
        var rounds = Arg(args, "--rounds", 3);
        var connections = (ArgText(args, "--connections") ?? "16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var root = SharedData.RepoRoot;
        var work = Path.Combine(Path.GetTempPath(), "obrador-bench-serving");
        var data = Path.Combine(work, "data");
        var app = await PublishedApp.PublishAsync(work, cancellationToken);
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        TimeSpan seeding;
        using (var backend = StorageFactory.Create(new StorageOptions { LocalRoot = data }))
        {
            seeding = await ServingSeeder.SeedAsync(backend.Tables, users, items, stores, products, cancellationToken);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console.WriteLine($"seeded {users} users, {items} items, {stores}×{products} store-products in {seeding.TotalSeconds:F1} s");

        await using var server = await PublishedApp.StartAsync(app, data, customHandler: false, new Dictionary<string, string>
        {
            ["RateLimit__TokenLimit"] = "1000000",
            ["RateLimit__TokensPerPeriod"] = "1000000",
            ["Serving__CacheSizeLimitBytes"] = (2L * 1024 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
        }, cancellationToken);
        var warm = await WarmAsync(server.BaseUrl, server.Key, users, stores, products, cancellationToken);
        Console.WriteLine($"warmed the cache with {users + (stores * products)} distinct reads in {warm.TotalSeconds:F1} s");
        await RunCasesAsync(root, server.BaseUrl, server.Key, users, stores, products, duration, rounds, connections, cancellationToken);
    }

    private static async Task RunCasesAsync(string root, string baseUrl, string key, int users, int stores, int products, int duration, int rounds, int[] connections, CancellationToken ct)
    {
        var scripts = Path.Combine(root, "bench", "serving");
        var cases = new (string Name, string Path, string Script)[]
        {
            ("ping (ceiling)", "/api/ping", "keyed.lua"),
            ("health", "/api/health", "keyed.lua"),
            ("recommendations", "/", "recommendations.lua"),
            ("forecasts", "/", "forecasts.lua"),
        };
        var env = new Dictionary<string, string>
        {
            ["OBRADOR_KEY"] = key,
            ["OBRADOR_USERS"] = users.ToString(CultureInfo.InvariantCulture),
            ["OBRADOR_STORES"] = stores.ToString(CultureInfo.InvariantCulture),
            ["OBRADOR_PRODUCTS"] = products.ToString(CultureInfo.InvariantCulture),
        };

        // The cases are interleaved round by round and each cell is the median of its rounds, so a burst of load
        // from other processes on a shared machine hits every case alike instead of one case's only sample.
        var results = new Dictionary<(string, int), List<WrkResult>>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var c in connections)
            {
                foreach (var (name, path, script) in cases)
                {
                    var run = await ProcessRunner.RunAsync("wrk", ["-t2", $"-c{c}", $"-d{duration}s", "--latency", "-s", Path.Combine(scripts, script), baseUrl + path], env, ct);
                    if (run.Code != 0)
                    {
                        throw new InvalidOperationException("wrk failed: " + run.Stderr);
                    }

                    var r = WrkResult.Parse(run.Stdout);
                    (results.TryGetValue((name, c), out var list) ? list : results[(name, c)] = []).Add(r);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}: {name} c={c}: {r.RequestsPerSecond:F0} req/s, p50 {r.P50Ms:F2} ms, p99 {r.P99Ms:F2} ms, errors {r.Errors}"));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"wrk -t2 -d{duration}s --latency, loopback, median of {rounds} interleaved rounds, {Environment.ProcessorCount} cores shared by wrk and the app");
        Console.WriteLine();
        Console.WriteLine("| endpoint | connections | req/s | p50 ms | p99 ms | errors | ratio to ping | p99 < 10 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var c in connections)
        {
            var ceiling = Median(results[(cases[0].Name, c)].Select(r => r.RequestsPerSecond));
            foreach (var (name, _, _) in cases)
            {
                var rs = results[(name, c)];
                var rps = Median(rs.Select(r => r.RequestsPerSecond));
                var p99 = Median(rs.Select(r => r.P99Ms));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {c} | {rps:F0} | {Median(rs.Select(r => r.P50Ms)):F2} | {p99:F2} | {rs.Sum(r => r.Errors)} | {rps / ceiling:F2} | {(p99 < 10 ? "yes" : "no")} |"));
            }
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<TimeSpan> WarmAsync(string baseUrl, string key, int users, int stores, int products, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var paths = Enumerable.Range(0, users).Select(u => $"/api/recommendations/u{u}?n=10")
            .Concat(Enumerable.Range(0, stores).SelectMany(s => Enumerable.Range(0, products).Select(p => $"/api/forecasts/s{s:D2}?product=p{p:D3}&horizon=7")));
        await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (path, token) =>
        {
            using var response = await http.GetAsync(path, token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
            }
        });
        return Stopwatch.GetElapsedTime(started);
    }

    private static string? ArgText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Arg(string[] args, string name, int fallback) =>
        ArgText(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
