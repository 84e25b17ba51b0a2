using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Obrador.Parquet;
using Obrador.Pipeline.Etl;
using Obrador.Pipeline.Etl.Columnar;

namespace Obrador.Bench.Pipeline;

/// <summary>
/// The bronze → gold step (dedupe on event_id + daily aggregation per store × product × day, written as Parquet) over
/// N till-line events in bronze Parquet files, by Obrador (<see cref="BronzeSalesAggregator"/>) and by DuckDB SQL
/// (one thread) over the same files, in the same run. Prints times, events/s and the speed ratio (target ≥ 0.5×).
/// Args: <c>--rows N</c> (default 10,000,000), <c>--files N</c> (default 10), <c>--dup-rate F</c> (default 0.02).
/// </summary>
internal sealed class EtlBenchmark : IBenchmark
{
    private const int Stores = 50;
    private const int Products = 400;
    private const int Days = 365;
    private const int BatchRows = 1 << 17;

    public string Name => "etl";

    public string Description => "bronze → gold daily sales (dedupe + aggregate) vs DuckDB SQL (threads=1); --rows N --files N --dup-rate F";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = Arg(args, "--rows", 10_000_000L);
        var files = (int)Arg(args, "--files", 10);
        var dupRate = double.Parse(ArgText(args, "--dup-rate") ?? "0.02", CultureInfo.InvariantCulture);
        var dir = Path.Combine(Path.GetTempPath(), $"obrador-bench-etl-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            Console.WriteLine($"events {rows:N0} in {files} bronze files ({dupRate:P0} resent duplicates), {Stores} stores × {Products} products × {Days} days, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            var generate = Stopwatch.StartNew();
            await GenerateAsync(dir, rows, files, dupRate, cancellationToken);
            Console.WriteLine($"generated bronze in {generate.Elapsed.TotalSeconds:F1} s ({Directory.GetFiles(dir, "bronze-*.parquet").Sum(f => new FileInfo(f).Length) / 1e6:F0} MB)");

            // Warm-up on one file so JIT is not measured, then the timed run over all files.
            await OursAsync(Directory.GetFiles(dir, "bronze-*.parquet").Order(StringComparer.Ordinal).Take(1).ToArray(), Path.Combine(dir, "warm.parquet"), cancellationToken);
            var (oursSeconds, oursRows, oursUnits, duplicates) = await OursAsync(Directory.GetFiles(dir, "bronze-*.parquet").Order(StringComparer.Ordinal).ToArray(), Path.Combine(dir, "gold-obrador.parquet"), cancellationToken);
            var duck = await PeerAsync(Path.Combine(dir, "bronze-*.parquet"), Path.Combine(dir, "gold-duckdb.parquet"), cancellationToken);
            var duckSeconds = duck.GetProperty("seconds").GetDouble();
            var duckRows = duck.GetProperty("rows").GetInt64();
            var duckUnits = duck.GetProperty("units").GetDouble();
            if (duckRows != oursRows || Math.Abs(duckUnits - oursUnits) > 1e-6 * Math.Max(1, duckUnits))
            {
                throw new InvalidOperationException($"results differ: Obrador {oursRows} rows / {oursUnits} units, DuckDB {duckRows} rows / {duckUnits} units");
            }

            Console.WriteLine($"both: {oursRows:N0} gold rows, {oursUnits:N0} units, {duplicates:N0} duplicates dropped");
            Console.WriteLine();
            Console.WriteLine("| engine | seconds | events/s | ratio (Obrador/DuckDB speed) |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine($"| Obrador BronzeSalesAggregator | {oursSeconds:F2} | {rows / oursSeconds / 1e6:F2} M | {duckSeconds / oursSeconds:F2}× |");
            Console.WriteLine($"| DuckDB SQL (threads=1) | {duckSeconds:F2} | {rows / duckSeconds / 1e6:F2} M | 1.00× |");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(double Seconds, long Rows, double Units, long Duplicates)> OursAsync(string[] paths, string output, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var aggregator = new BronzeSalesAggregator(new EtlOptions { DefaultTimeZone = "Etc/UTC" }, expectedEvents: 1 << 20);
        foreach (var path in paths)
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            var reader = await ParquetReader.OpenAsync(stream, ct);
            await foreach (var batch in reader.ReadAsync(BronzeSalesAggregator.Columns, cancellationToken: ct))
            {
                aggregator.Add(batch);
            }
        }

        var result = aggregator.Result();
        await using (var outStream = File.Create(output))
        {
            await ParquetRecords.WriteAsync(outStream, result, cancellationToken: ct);
        }

        clock.Stop();
        return (clock.Elapsed.TotalSeconds, result.Count, result.Sum(r => r.Units), aggregator.Duplicates);
    }

    // Bronze schema v1 columns the step reads (other bronze columns are not read by either engine).
    private static readonly ParquetSchema BronzeSchema = new(
        new ParquetField("event_id", ParquetType.String, false),
        new ParquetField("event_type", ParquetType.String, false),
        new ParquetField("occurred_at", ParquetType.TimestampMicros, false),
        new ParquetField("enqueued_at", ParquetType.TimestampMicros, false),
        new ParquetField("store_id", ParquetType.String),
        new ParquetField("product_id", ParquetType.String),
        ParquetField.Decimal("quantity", 18, 4),
        ParquetField.Decimal("price", 18, 4));

    private static async Task GenerateAsync(string dir, long rows, int files, double dupRate, CancellationToken ct)
    {
        var random = new Random(42);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var storeNames = Enumerable.Range(0, Stores).Select(i => $"S{i:D3}").ToArray();
        var productNames = Enumerable.Range(0, Products).Select(i => $"P{i:D4}").ToArray();
        var perFile = (rows + files - 1) / files;
        long next = 0;
        for (var f = 0; f < files; f++)
        {
            var inFile = (int)Math.Min(perFile, rows - next);
            await using var stream = File.Create(Path.Combine(dir, $"bronze-{f:D3}.parquet"));
            await using var writer = await ParquetWriter.CreateAsync(stream, BronzeSchema, cancellationToken: ct);
            for (var offset = 0; offset < inFile; offset += BatchRows)
            {
                var n = Math.Min(BatchRows, inFile - offset);
                var ids = new string[n];
                var types = new string[n];
                var occurred = new DateTime[n];
                var enqueued = new DateTime[n];
                var store = new string[n];
                var product = new string[n];
                var qty = new decimal[n];
                var price = new decimal[n];
                for (var i = 0; i < n; i++)
                {
                    var seq = next + offset + i;

                    // A resent copy repeats an earlier event exactly (same id and payload), enqueued later.
                    var original = seq > 1000 && random.NextDouble() < dupRate ? seq - 1 - random.NextInt64(Math.Min(seq - 1, 500_000)) : seq;
                    var r = new Random((int)(original * 2654435761 % int.MaxValue));
                    ids[i] = "e" + original.ToString("D10", CultureInfo.InvariantCulture);
                    types[i] = "pos_sale";
                    occurred[i] = start.AddSeconds(original * (Days * 86_400.0 / rows));
                    enqueued[i] = start.AddSeconds(seq * (Days * 86_400.0 / rows) + 5);
                    store[i] = storeNames[r.Next(Stores)];
                    product[i] = productNames[r.Next(Products)];
                    qty[i] = 1 + r.Next(4);
                    price[i] = (50 + r.Next(950)) / 100m;
                }

                var batch = new ColumnBatch(BronzeSchema, n)
                    .Set("event_id", ids).Set("event_type", types).Set("occurred_at", occurred).Set("enqueued_at", enqueued)
                    .Set("store_id", store).Set("product_id", product).Set("quantity", qty).Set("price", price);
                await writer.WriteAsync(batch, ct);
            }

            next += inFile;
        }
    }

    private static async Task<JsonElement> PeerAsync(string glob, string output, CancellationToken ct)
    {
        var root = FindRoot();
        var psi = new ProcessStartInfo("node") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(root, "bench", "peers", "etl_duckdb.mjs"));
        psi.ArgumentList.Add(glob);
        psi.ArgumentList.Add(output);
        using var p = Process.Start(psi)!;
        var stdout = await p.StandardOutput.ReadToEndAsync(ct);
        var stderr = await p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"DuckDB peer failed: {stderr}");
        }

        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Functions.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    private static string? ArgText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static long Arg(string[] args, string name, long fallback) =>
        ArgText(args, name) is { } s ? long.Parse(s, CultureInfo.InvariantCulture) : fallback;
}
