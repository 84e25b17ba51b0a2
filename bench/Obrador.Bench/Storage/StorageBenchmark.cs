using System.Diagnostics;
using System.Globalization;
using Obrador.Lake.Storage;
using Obrador.Lake.Storage.Embedded;

namespace Obrador.Bench.Storage;

/// <summary>
/// Storage adapters side by side: the embedded default (file system + SQLite) against the Azure adapters talking to
/// Azurite (started here, in memory), same operations, same data, same run. Throughput is operations per second,
/// one caller at a time unless the row says otherwise.
/// </summary>
internal sealed class StorageBenchmark : IBenchmark
{
    public string Name => "storage";

    public string Description => "Table upserts/point reads and 64 KiB / 8 MiB object puts/gets: embedded (FS+SQLite) vs Azurite";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var scale = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1.0;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var plan = new Plan((int)(2000 * scale), (int)(4000 * scale), (int)(300 * scale), (int)(16 * scale));
        var root = RepoRoot();
        Console.WriteLine($"# storage benchmark: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, Azurite {AzuriteProcess.Version(root)}");
        Console.WriteLine($"table upserts {plan.Upserts}, point reads {plan.Reads}, 64 KiB objects {plan.SmallObjects}, 8 MiB objects {plan.LargeObjects}; " +
            $"{rounds} rounds alternating embedded and Azurite, median reported");

        var temp = Path.Combine(Path.GetTempPath(), "obrador-bench-storage-" + Guid.NewGuid().ToString("N"));
        var embedded = new Dictionary<string, List<double>>();
        var azurite = new Dictionary<string, List<double>>();
        try
        {
            await using var process = await AzuriteProcess.StartAsync(root, cancellationToken);
            using var backend = StorageFactory.Create(new StorageOptions { ConnectionString = process.ConnectionString });
            using var tables = new SqliteTableStore(Path.Combine(temp, "tables.db"));
            var objects = new FileSystemObjectStore(Path.Combine(temp, "blobs"));
            var unflushed = new FileSystemObjectStore(Path.Combine(temp, "blobs-unflushed"), flushToDisk: false);

            // Rounds alternate the two stores so that load from other processes on the machine hits both alike.
            for (var round = 1; round <= rounds; round++)
            {
                Collect(embedded, await MeasureAsync(objects, tables, plan, cancellationToken));
                Collect(embedded, await PutRatesAsync(unflushed, plan, " (no fsync)", cancellationToken));
                Collect(azurite, await MeasureAsync(backend.Objects, backend.Tables, plan, cancellationToken));
                Console.WriteLine($"round {round}/{rounds} done");
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine("| operation | embedded (FS + SQLite) ops/s | Azure adapter on Azurite ops/s | embedded / Azurite |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (metric, values) in embedded)
        {
            var mine = Median(values);
            var peer = Median(azurite[metric.Replace(" (no fsync)", "", StringComparison.Ordinal)]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {metric} | {mine:N0} | {peer:N0} | {mine / peer:F1}× |"));
        }
    }

    private static void Collect(Dictionary<string, List<double>> into, Dictionary<string, double> round)
    {
        foreach (var (metric, value) in round)
        {
            if (!into.TryGetValue(metric, out var list))
            {
                into[metric] = list = [];
            }

            list.Add(value);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Plan(int Upserts, int Reads, int SmallObjects, int LargeObjects);

    private static async Task<Dictionary<string, double>> MeasureAsync(IObjectStore objects, ITableStore tables, Plan plan, CancellationToken ct)
    {
        var results = new Dictionary<string, double>();
        const string Table = "BenchForecasts";
        await tables.CreateTableIfNotExistsAsync(Table, ct);
        var generated = new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

        // Rows shaped like the Forecasts serving table: PK version|store, RK product|horizon|date.
        TableEntity Row(int i) => new($"v20261121T020000Z|store{i % 20:D3}", $"p{i / 20:D5}|01|2026-11-22")
        {
            ["P10"] = 10.0 + i % 7,
            ["P50"] = 20.5 + i % 11,
            ["P90"] = 31.25 + i % 13,
            ["ModelVersion"] = "lgbm-2026-11-20",
            ["GeneratedAt"] = generated,
        };

        await tables.UpsertAsync(Table, Row(0), UpsertMode.Replace, ct);
        results["table upsert (replace)"] = await RateAsync(plan.Upserts, i => tables.UpsertAsync(Table, Row(i), UpsertMode.Replace, ct));
        results["table upsert (merge)"] = await RateAsync(plan.Upserts, i => tables.UpsertAsync(Table, Row(i), UpsertMode.Merge, ct));

        // Batches of 100 rows in one partition; the rate counts rows.
        var batchRows = plan.Upserts * 5;
        var batches = batchRows / 100;
        var batchRate = await RateAsync(batches, b =>
            tables.SubmitBatchAsync(Table, Enumerable.Range(0, 100).Select(j => TableOperation.Replace(Row(100_000 + (b * 100 + j) * 20))).ToList(), ct));
        results["table upsert, batches of 100 (rows)"] = batchRate * 100;

        var random = new Random(42);
        var keys = Enumerable.Range(0, plan.Reads).Select(_ => Row(random.Next(plan.Upserts))).ToArray();
        results["table point read"] = await RateAsync(plan.Reads, async i =>
        {
            var e = await tables.GetAsync(Table, keys[i].PartitionKey, keys[i].RowKey, cancellationToken: ct);
            if (e is null)
            {
                throw new InvalidOperationException("A row written above is missing.");
            }
        });
        results["table point read, 8 callers"] = await ParallelRateAsync(plan.Reads, 8, async i =>
            _ = await tables.GetAsync(Table, keys[i].PartitionKey, keys[i].RowKey, cancellationToken: ct) ?? throw new InvalidOperationException("missing row"));

        foreach (var (label, size, count) in new[] { ("64 KiB", 64 * 1024, plan.SmallObjects), ("8 MiB", 8 << 20, plan.LargeObjects) })
        {
            var data = new byte[size];
            new Random(size).NextBytes(data);
            var prefix = $"bench/{label.Replace(' ', '-')}/";
            results[$"object put {label}"] = await RateAsync(count, i => objects.PutAsync($"{prefix}obj-{i:D5}.bin", new MemoryStream(data, false), cancellationToken: ct));
            results[$"object get {label}"] = await RateAsync(count, async i =>
            {
                await using var content = await objects.GetAsync($"{prefix}obj-{i:D5}.bin", cancellationToken: ct) ?? throw new InvalidOperationException("missing object");
                var read = 0L;
                var buffer = new byte[81920];
                int n;
                while ((n = await content.Content.ReadAsync(buffer, ct)) > 0)
                {
                    read += n;
                }

                if (read != size)
                {
                    throw new InvalidOperationException($"read {read} of {size} bytes");
                }
            });
        }

        return results;
    }

    /// <summary>Object puts only, for the file store without its per-write disk flush (explains the cost of durability).</summary>
    private static async Task<Dictionary<string, double>> PutRatesAsync(IObjectStore objects, Plan plan, string suffix, CancellationToken ct)
    {
        var results = new Dictionary<string, double>();
        foreach (var (label, size, count) in new[] { ("64 KiB", 64 * 1024, plan.SmallObjects), ("8 MiB", 8 << 20, plan.LargeObjects) })
        {
            var data = new byte[size];
            new Random(size).NextBytes(data);
            results[$"object put {label}{suffix}"] = await RateAsync(count, i => objects.PutAsync($"bench/{size}/obj-{i:D5}.bin", new MemoryStream(data, false), cancellationToken: ct));
        }

        return results;
    }

    private static async Task<double> RateAsync(int count, Func<int, Task> op)
    {
        // A short warm-up (JIT, connection pool, SQLite page cache) that is not timed.
        for (var i = 0; i < Math.Min(10, count); i++)
        {
            await op(i);
        }

        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await op(i);
        }

        return count / sw.Elapsed.TotalSeconds;
    }

    private static async Task<double> ParallelRateAsync(int count, int callers, Func<int, Task> op)
    {
        var next = -1;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await op(i);
            }
        })));
        return count / sw.Elapsed.TotalSeconds;
    }

    private static string RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Functions.sln not found; run from the repository.");
    }
}
