using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Obrador.Parquet;

namespace Obrador.Bench.Parquet;

/// <summary>
/// Writes and full-scan reads the same rows with Obrador.Parquet and with DuckDB (one thread, SNAPPY) in the same run;
/// prints MB/s of logical row data and the ratio to DuckDB, plus peak memory while writing.
/// Args: <c>--rows N</c> (default 10,000,000), <c>--row-group N</c> rows (default the writer's 1,048,576),
/// <c>--repeat N</c> (default 3): every measurement is repeated and the fastest run of each side is reported, because
/// the shared machine's load makes single runs noisy.
/// </summary>
internal sealed class ParquetBenchmark : IBenchmark
{
    private const int BatchRows = 65_536;

    public string Name => "parquet";

    public string Description => "Parquet write + full-scan read vs DuckDB (threads=1); --rows N --row-group N --repeat N --batch-rows N";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = Arg(args, "--rows", 10_000_000L);
        var rowGroup = (int)Arg(args, "--row-group", new ParquetWriteOptions().RowGroupSize);
        var repeat = (int)Arg(args, "--repeat", 3);
        var batchRows = (int)Arg(args, "--batch-rows", 8192);
        var dir = Path.Combine(Path.GetTempPath(), $"obrador-bench-parquet-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var ours = Path.Combine(dir, "obrador.parquet");
        var theirs = Path.Combine(dir, "duckdb.parquet");
        try
        {
            Console.WriteLine($"rows {rows:N0}, row group {rowGroup:N0} rows, SNAPPY, best of {repeat}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            double writeSeconds = double.MaxValue, readSeconds = double.MaxValue, readGroups = double.MaxValue, crossOurs = double.MaxValue;
            double dWrite = double.MaxValue, dRead = double.MaxValue, crossDuck = double.MaxValue;
            long logicalBytes = 0, peakBuffered = 0, peakWorkingSet = 0;
            for (var r = 0; r < repeat; r++)
            {
                // Alternate who goes first so a burst of load on the shared machine does not always hit one side.
                var w = await WriteOursAsync(ours, rows, rowGroup, cancellationToken);
                writeSeconds = Math.Min(writeSeconds, w.Seconds);
                logicalBytes = w.Bytes;
                peakBuffered = Math.Max(peakBuffered, w.PeakBuffered);
                peakWorkingSet = Math.Max(peakWorkingSet, w.PeakWorkingSet);
                dWrite = Math.Min(dWrite, (await PeerAsync(cancellationToken, "write", rows.ToString(CultureInfo.InvariantCulture), theirs)).GetProperty("seconds").GetDouble());
                var duckRead = await PeerAsync(cancellationToken, "read", theirs);
                dRead = Math.Min(dRead, duckRead.GetProperty("seconds").GetDouble());
                readSeconds = Math.Min(readSeconds, await ReadOursAsync(ours, rows, batchRows, cancellationToken));
                readGroups = Math.Min(readGroups, await ReadOursAsync(ours, rows, 0, cancellationToken));
                var cross = await PeerAsync(cancellationToken, "read", ours);
                if (cross.GetProperty("rows").GetString() != rows.ToString(CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException("DuckDB read a different row count from our file");
                }

                crossDuck = Math.Min(crossDuck, cross.GetProperty("seconds").GetDouble());
                crossOurs = Math.Min(crossOurs, await ReadOursAsync(theirs, rows, batchRows, cancellationToken));
                Console.WriteLine($"run {r + 1}: write {w.Seconds:F2}s / DuckDB {dWrite:F2}s best, read best {readSeconds:F2}s / DuckDB {dRead:F2}s");
            }

            var mb = logicalBytes / 1e6;
            Console.WriteLine();
            Console.WriteLine($"logical data {mb:F1} MB; file sizes: Obrador {new FileInfo(ours).Length / 1e6:F1} MB, DuckDB {new FileInfo(theirs).Length / 1e6:F1} MB");
            Console.WriteLine();
            Console.WriteLine("| operation | Obrador s | Obrador MB/s | DuckDB s | DuckDB MB/s | ratio (Obrador/DuckDB speed) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Row("write (own file)", writeSeconds, dWrite, mb);
            Row($"full-scan read (own file, {batchRows:N0}-row batches)", readSeconds, dRead, mb);
            Row("full-scan read (own file, one batch per row group)", readGroups, dRead, mb);
            Row("read the other's file", crossOurs, crossDuck, mb);
            Console.WriteLine();
            Console.WriteLine($"peak while writing: writer buffers {peakBuffered / 1e6:F0} MB, process working set {peakWorkingSet / 1e6:F0} MB (row group {rowGroup:N0} rows; the working set includes the 64K-row input batches and runtime)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Row(string name, double ours, double duck, double mb) =>
        Console.WriteLine($"| {name} | {ours:F2} | {mb / ours:F0} | {duck:F2} | {mb / duck:F0} | {duck / ours:F2}x |");

    private static async Task<(double Seconds, long Bytes, long PeakBuffered, long PeakWorkingSet)> WriteOursAsync(string path, long rows, int rowGroup, CancellationToken ct)
    {
        long logical = 0;
        long peakBuffered = 0;
        var clock = new Stopwatch();

        // Start from a collected heap so the working-set peak reflects this write, not earlier garbage.
        GC.Collect();
        GC.WaitForPendingFinalizers();
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
                peakBuffered = Math.Max(peakBuffered, writer.BufferedBytes);
            }

            clock.Start();
            await writer.DisposeAsync();
            clock.Stop();
        }

        return (clock.Elapsed.TotalSeconds, logical, peakBuffered, sampler.PeakWorkingSet);
    }

    /// <param name="batchRows">Rows per batch (<see cref="ParquetReadOptions.BatchRows"/>; 0 = one batch per row group).</param>
    private static async Task<double> ReadOursAsync(string path, long expectedRows, int batchRows, CancellationToken ct)
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
        await foreach (var b in reader.ReadAsync(new ParquetReadOptions { BatchRows = batchRows }, ct))
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
