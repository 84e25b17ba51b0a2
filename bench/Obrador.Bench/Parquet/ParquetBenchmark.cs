using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Obrador.Parquet;

namespace Obrador.Bench.Parquet;

/// <summary>
/// Writes and full-scan reads the same rows with Obrador.Parquet and with DuckDB (one thread, SNAPPY) in the same run;
/// prints MB/s of logical row data and the ratio to DuckDB, plus peak memory while writing.
/// Args: <c>--rows N</c> (default 10,000,000), <c>--row-group N</c> rows (default the writer's 1,048,576).
/// </summary>
internal sealed class ParquetBenchmark : IBenchmark
{
    private const int BatchRows = 65_536;

    public string Name => "parquet";

    public string Description => "Parquet write + full-scan read vs DuckDB (threads=1); --rows N --row-group N";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = Arg(args, "--rows", 10_000_000L);
        var rowGroup = (int)Arg(args, "--row-group", new ParquetWriteOptions().RowGroupSize);
        var dir = Path.Combine(Path.GetTempPath(), $"obrador-bench-parquet-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var ours = Path.Combine(dir, "obrador.parquet");
        var theirs = Path.Combine(dir, "duckdb.parquet");
        try
        {
            Console.WriteLine($"rows {rows:N0}, row group {rowGroup:N0} rows, SNAPPY, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            var (writeSeconds, logicalBytes, peakHeap, peakWorkingSet) = await WriteOursAsync(ours, rows, rowGroup, cancellationToken);
            var duckWrite = await PeerAsync(cancellationToken, "write", rows.ToString(CultureInfo.InvariantCulture), theirs);
            var readSeconds = await ReadOursAsync(ours, rows, cancellationToken);
            var duckRead = await PeerAsync(cancellationToken, "read", theirs);
            var crossDuck = await PeerAsync(cancellationToken, "read", ours);
            var crossOurs = await ReadOursAsync(theirs, rows, cancellationToken);
            if (crossDuck.GetProperty("rows").GetString() != rows.ToString(CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("DuckDB read a different row count from our file");
            }

            var mb = logicalBytes / 1e6;
            var dWrite = duckWrite.GetProperty("seconds").GetDouble();
            var dRead = duckRead.GetProperty("seconds").GetDouble();
            Console.WriteLine();
            Console.WriteLine($"logical data {mb:F1} MB; file sizes: Obrador {new FileInfo(ours).Length / 1e6:F1} MB, DuckDB {new FileInfo(theirs).Length / 1e6:F1} MB");
            Console.WriteLine();
            Console.WriteLine("| operation | Obrador s | Obrador MB/s | DuckDB s | DuckDB MB/s | ratio (Obrador/DuckDB speed) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Row("write (own file)", writeSeconds, dWrite, mb);
            Row("full-scan read (own file)", readSeconds, dRead, mb);
            Row("read the other's file", crossOurs, crossDuck.GetProperty("seconds").GetDouble(), mb);
            Console.WriteLine();
            Console.WriteLine($"peak while writing: managed heap {peakHeap / 1e6:F0} MB, working set {peakWorkingSet / 1e6:F0} MB (row group {rowGroup:N0} rows)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Row(string name, double ours, double duck, double mb) =>
        Console.WriteLine($"| {name} | {ours:F2} | {mb / ours:F0} | {duck:F2} | {mb / duck:F0} | {duck / ours:F2}x |");

    private static async Task<(double Seconds, long Bytes, long PeakHeap, long PeakWorkingSet)> WriteOursAsync(string path, long rows, int rowGroup, CancellationToken ct)
    {
        long logical = 0;
        var clock = new Stopwatch();
        using var sampler = new MemorySampler();
        await using (var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false))
        {
            var writer = await ParquetWriter.CreateAsync(fs, BenchRows.Schema, new ParquetWriteOptions { RowGroupSize = rowGroup }, ct);
            for (long start = 0; start < rows; start += BatchRows)
            {
                // Row generation is not timed; only the writer is.
                var (batch, bytes) = BenchRows.Make(start, (int)Math.Min(BatchRows, rows - start));
                logical += bytes;
                clock.Start();
                await writer.WriteAsync(batch, ct);
                clock.Stop();
            }

            clock.Start();
            await writer.DisposeAsync();
            clock.Stop();
        }

        return (clock.Elapsed.TotalSeconds, logical, sampler.PeakHeap, sampler.PeakWorkingSet);
    }

    private static async Task<double> ReadOursAsync(string path, long expectedRows, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        var reader = await ParquetReader.OpenAsync(fs, ct);
        long count = 0, minId = long.MaxValue, qtyCount = 0;
        var maxTs = DateTime.MinValue;
        string? minStore = null, maxOrder = null;
        double sumAmount = 0;
        decimal sumPrice = 0;

        // The same aggregates as the DuckDB query, so both sides decode and touch every value.
        await foreach (var b in reader.ReadAsync(cancellationToken: ct))
        {
            count += b.RowCount;
            foreach (var v in b.Get<long>("id").AsSpan(0, b.RowCount))
            {
                minId = Math.Min(minId, v);
            }

            foreach (var v in b.Get<DateTime>("ts").AsSpan(0, b.RowCount))
            {
                maxTs = v > maxTs ? v : maxTs;
            }

            foreach (var v in b.Get<string?>("store").AsSpan(0, b.RowCount))
            {
                minStore = minStore is null || string.CompareOrdinal(v, minStore) < 0 ? v : minStore;
            }

            foreach (var v in b.Get<string?>("order_id").AsSpan(0, b.RowCount))
            {
                maxOrder = maxOrder is null || string.CompareOrdinal(v, maxOrder) > 0 ? v : maxOrder;
            }

            foreach (var v in b.Get<double>("amount").AsSpan(0, b.RowCount))
            {
                sumAmount += v;
            }

            foreach (var v in b.Get<decimal>("price").AsSpan(0, b.RowCount))
            {
                sumPrice += v;
            }

            var qtyNulls = b["qty"].Nulls;
            qtyCount += qtyNulls is null ? b.RowCount : qtyNulls.AsSpan(0, b.RowCount).Count(false);
        }

        clock.Stop();
        if (count != expectedRows || minId != 0)
        {
            throw new InvalidOperationException($"read {count} rows (min id {minId}), expected {expectedRows}");
        }

        GC.KeepAlive((maxTs, minStore, maxOrder, sumAmount, sumPrice, qtyCount));
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<JsonElement> PeerAsync(CancellationToken ct, params string[] args)
    {
        var root = FindRoot();
        var psi = new ProcessStartInfo("node") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(root, "bench", "peers", "duckdb-parquet.mjs"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync(ct);
        var error = await p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"DuckDB peer failed: {error}");
        }

        return JsonDocument.Parse(output).RootElement.Clone();
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

    private static long Arg(string[] args, string name, long fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
