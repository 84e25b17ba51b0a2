using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Obrador.Bench.Recommendations;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage.Embedded;

namespace Obrador.Bench.Ingestion;

/// <summary>
/// <c>ingest [events=1000000]</c>: events through the Event Hub handler code path (invocation parsing, validation,
/// Parquet bronze on the file-system store) in batches of 100 and 1,000, and through an HTTP collector, against
/// DuckDB converting the same NDJSON to Parquet on one thread (<c>bench/peers/ingest_duckdb.mjs</c>).
/// </summary>
internal sealed class IngestBenchmark : IBenchmark
{
    private const int Partitions = 4;

    public string Name => "ingest";

    public string Description => "events/s per core: Event Hub handler (100, 1000) and HTTP vs DuckDB NDJSON->Parquet (1 thread)";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var dir = Path.Combine(Path.GetTempPath(), "obrador-bench-ingest-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            var rng = new Random(42);
            var events = new string[count];
            for (var i = 0; i < count; i++)
            {
                events[i] = BenchEvents.Event(rng, i);
            }

            var ndjson = Path.Combine(dir, "events.ndjson");
            await File.WriteAllLinesAsync(ndjson, events, cancellationToken);
            Console.WriteLine($"ingest: {count:N0} events, {new FileInfo(ndjson).Length / 1e6:F1} MB NDJSON, {Environment.ProcessorCount} cores");

            // Warm-up (JIT, tiered compilation, Parquet code paths) outside the measured runs.
            await HandlerAsync(events[..Math.Min(count, 20_000)], 100, Path.Combine(dir, "warm-100"), counters: false, cancellationToken);
            await HandlerAsync(events[..Math.Min(count, 20_000)], 1000, Path.Combine(dir, "warm-1000"), counters: false, cancellationToken);
            var rows = new List<(string Path, int Events, double Wall, double Cpu)>();
            foreach (var batch in new[] { 100, 1000 })
            {
                rows.Add(await HandlerAsync(events, batch, Path.Combine(dir, "lake-" + batch), counters: false, cancellationToken));
            }

            var countersEvents = Math.Min(count, 200_000);
            rows.Add(await HandlerAsync(events[..countersEvents], 1000, Path.Combine(dir, "lake-counters"), counters: true, cancellationToken));
            rows.Add(await HttpAsync(events, 1000, Path.Combine(dir, "lake-http"), cancellationToken));

            var peer = RunDuckDb(ndjson, Path.Combine(dir, "duckdb.parquet"));
            Console.WriteLine();
            Console.WriteLine("| path | events | wall s | events/s (wall) | CPU s | events/s per core (CPU) | vs DuckDB 1 thread |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (path, n, wall, cpu) in rows)
            {
                var perCore = n / cpu;
                var ratio = peer is { } p ? (perCore / (p.Rows / p.Seconds)).ToString("F2", CultureInfo.InvariantCulture) + "×" : "n/a";
                Console.WriteLine($"| {path} | {n:N0} | {wall:F2} | {n / wall:N0} | {cpu:F2} | {perCore:N0} | {ratio} |");
            }

            if (peer is { } d)
            {
                Console.WriteLine($"| DuckDB read_json → Parquet (threads=1) | {d.Rows:N0} | {d.Seconds:F2} | {d.Rows / d.Seconds:N0} | {d.Seconds:F2} | {d.Rows / d.Seconds:N0} | 1.00× |");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(string, int, double, double)> HandlerAsync(string[] events, int batch, string root, bool counters, CancellationToken ct)
    {
        var bodies = new List<byte[]>(events.Length / batch + 1);
        for (var first = 0; first < events.Length; first += batch)
        {
            bodies.Add(BenchEvents.Invocation(events, first, Math.Min(batch, events.Length - first), ((first / batch) % Partitions).ToString(CultureInfo.InvariantCulture)));
        }

        var time = new FixedTime(BenchEvents.Now);
        var store = new FileSystemObjectStore(root);
        using var tables = counters ? new SqliteTableStore(Path.Combine(root + "-tables.db")) : null;
        if (tables is not null)
        {
            await tables.CreateTableIfNotExistsAsync(ServingTables.Counters, ct);
        }

        var ingestor = new EventIngestor(new BronzeWriter(store, ParquetRecordFormat.Instance), new EventParser(new EventValidationOptions(), time),
            tables is null ? null : new StreamingCounters(tables, time), time, NullLogger<EventIngestor>.Instance);
        GC.Collect();
        // The host runs one invocation at a time per partition and partitions in parallel: Partitions lanes.
        var (wall, cpu, accepted) = await MeasureAsync(async () =>
        {
            var lanes = Enumerable.Range(0, Partitions).Select(lane => Task.Run(async () =>
            {
                var n = 0;
                for (var b = lane; b < bodies.Count; b += Partitions)
                {
                    // Exactly what POST /IngestEvents does: parse the host's invocation, then validate and write.
                    var delivered = EventBatchReader.ReadEventHubInvocation(bodies[b], "events", time.GetUtcNow());
                    n += (await ingestor.IngestAsync(delivered, ct)).Accepted;
                }

                return n;
            }, ct)).ToList();
            return (await Task.WhenAll(lanes)).Sum();
        });
        Check(accepted, events.Length);
        return ($"Event Hub handler, batch {batch}{(counters ? " + counters (SQLite)" : "")}", events.Length, wall, cpu);
    }

    private static async Task<(string, int, double, double)> HttpAsync(string[] events, int batch, string root, CancellationToken ct)
    {
        var time = new FixedTime(BenchEvents.Now);
        var ingestor = new EventIngestor(new BronzeWriter(new FileSystemObjectStore(root), ParquetRecordFormat.Instance),
            new EventParser(new EventValidationOptions(), time), null, time, NullLogger<EventIngestor>.Instance);
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/api/events/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var server = Task.Run(() => ServeAsync(listener, ingestor, time, stop.Token), ct);
        var bodies = new List<byte[]>();
        for (var first = 0; first < events.Length; first += batch)
        {
            bodies.Add(Encoding.UTF8.GetBytes(string.Join('\n', events, first, Math.Min(batch, events.Length - first))));
        }

        using var client = new HttpClient();
        GC.Collect();
        var (wall, cpu, accepted) = await MeasureAsync(async () =>
        {
            var lanes = Enumerable.Range(0, Partitions).Select(lane => Task.Run(async () =>
            {
            var n = 0;
            for (var b = lane; b < bodies.Count; b += Partitions)
            {
                var body = bodies[b];
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/x-ndjson");
                using var response = await client.PostAsync(new Uri($"http://127.0.0.1:{port}/api/events/"), content, ct);
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                n += doc.RootElement.GetProperty("accepted").GetInt32();
            }

            return n;
            }, ct)).ToList();
            return (await Task.WhenAll(lanes)).Sum();
        });
        await stop.CancelAsync();
        listener.Stop();
        await server.ContinueWith(_ => { }, TaskScheduler.Default);
        Check(accepted, events.Length);
        return ($"HTTP NDJSON, {batch}/request (HttpListener loopback)", events.Length, wall, cpu);
    }

    // The same library calls as EventEndpoints.PostEventsAsync, behind a minimal loopback HTTP server.
    private static async Task ServeAsync(HttpListener listener, EventIngestor ingestor, TimeProvider time, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context, ingestor, time, ct), ct);
        }
    }

    private static async Task AnswerAsync(HttpListenerContext context, EventIngestor ingestor, TimeProvider time, CancellationToken ct)
    {
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer, ct);
            var body = buffer.ToArray();
            var split = EventBatchReader.SplitHttpBody(body, time.GetUtcNow());
            var result = await ingestor.IngestAsync(new EventBatch("http-" + LakePaths.Key(body), split, FromEventHub: false), ct);
            var answer = Encoding.UTF8.GetBytes($"{{\"accepted\":{result.Accepted},\"rejected\":{result.Rejected}}}");
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer, ct);
            context.Response.Close();
        }
    }

    private static async Task<(double Wall, double Cpu, int Result)> MeasureAsync(Func<Task<int>> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var result = await work();
        sw.Stop();
        process.Refresh();
        return (sw.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu0).TotalSeconds, result);
    }

    private static (double Seconds, long Rows)? RunDuckDb(string input, string output)
    {
        var script = Path.Combine(SharedData.RepoRoot, "bench", "peers", "ingest_duckdb.mjs");
        var info = new ProcessStartInfo("node", [script, input, output])
        {
            WorkingDirectory = SharedData.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info);
        if (process is null)
        {
            Console.WriteLine("peer: could not start node");
            return null;
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"peer ingest_duckdb.mjs failed ({process.ExitCode}): {stderr.Trim()}");
            return null;
        }

        using var doc = JsonDocument.Parse(stdout.Result);
        return (doc.RootElement.GetProperty("seconds").GetDouble(), doc.RootElement.GetProperty("rows").GetInt64());
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static void Check(int accepted, int expected)
    {
        if (accepted != expected)
        {
            throw new InvalidOperationException($"accepted {accepted} of {expected} events: the benchmark data should all be valid");
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
