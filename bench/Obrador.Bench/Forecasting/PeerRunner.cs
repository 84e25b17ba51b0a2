using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Obrador.Forecasting;
using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Features;
using Obrador.Forecasting.Series;

namespace Obrador.Bench.Forecasting;

/// <summary>
/// Exports the panel, the backtest origins and the GBM's own feature matrices, runs
/// <c>bench/peers/forecast_peers.py</c>, and scores the peers' predictions with the same <see cref="Backtester"/>.
/// Peer outputs are cached: after a successful peer run the SHA-256 of the exported inputs and the script is stored in
/// <c>peers.sha256</c>; a later run whose export hashes the same reuses the predictions instead of re-running the peers
/// (changing only our models leaves the export unchanged). <c>OBRADOR_PEER_FRESH=1</c> forces a re-run.
/// </summary>
internal static class PeerRunner
{
    public static IEnumerable<(string Model, ModelBacktest Result, double Seconds)> Run(
        string name, SeriesPanel panel, ForecastEngineOptions options, BacktestReport report, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"obrador-forecast-{name}");
        Directory.CreateDirectory(dir);
        var origins = report.Origins.Select(panel.IndexOf).ToArray();
        var horizons = report.Horizons.ToArray();
        var reuse = Environment.GetEnvironmentVariable("OBRADOR_PEER_REUSE") == "1";
        foreach (var row in reuse ? Score(dir, panel, options, origins, horizons) : RunPeers(dir, panel, options, origins, horizons, ct))
        {
            yield return row;
        }
    }

    private static IEnumerable<(string Model, ModelBacktest Result, double Seconds)> RunPeers(
        string dir, SeriesPanel panel, ForecastEngineOptions options, int[] origins, int[] horizons, CancellationToken ct)
    {
        Export(dir, panel, options, origins, horizons);
        var script = Path.Combine(ForecastDatasets.FindRoot(), "bench", "peers", "forecast_peers.py");
        var hash = InputHash(dir, script);
        var stamp = Path.Combine(dir, "peers.sha256");
        if (Environment.GetEnvironmentVariable("OBRADOR_PEER_FRESH") != "1" && File.Exists(stamp) && File.ReadAllText(stamp).Trim() == hash)
        {
            Console.WriteLine($"peers: inputs unchanged (sha256 {hash[..12]}), reusing the predictions cached in {dir} (OBRADOR_PEER_FRESH=1 re-runs them)");
            return Score(dir, panel, options, origins, horizons);
        }

        File.Delete(stamp);
        var psi = new ProcessStartInfo("/usr/bin/python3", [script, dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Console.Write(stdout);
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"peer failed ({process.ExitCode}): {stderr.Result}");
            return [];
        }

        File.WriteAllText(stamp, hash);
        return Score(dir, panel, options, origins, horizons);
    }

    /// <summary>Scores every <c>pred_*.csv</c> in <paramref name="dir"/> (with OBRADOR_PEER_REUSE=1: a previous run's files, same split).</summary>
    private static IEnumerable<(string Model, ModelBacktest Result, double Seconds)> Score(
        string dir, SeriesPanel panel, ForecastEngineOptions options, int[] origins, int[] horizons)
    {
        var timingsPath = Path.Combine(dir, "timings.json");
        var timings = File.Exists(timingsPath) ? JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(timingsPath))! : [];
        foreach (var file in Directory.GetFiles(dir, "pred_*.csv").Order(StringComparer.Ordinal))
        {
            var model = Path.GetFileNameWithoutExtension(file)["pred_".Length..];
            var preds = origins.Select(_ => Enumerable.Range(0, panel.Count).Select(_ => new double[horizons.Length]).ToArray()).ToArray();
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var f = line.Split(',');
                var o = int.Parse(f[0], CultureInfo.InvariantCulture);
                var s = int.Parse(f[1], CultureInfo.InvariantCulture);
                var h = int.Parse(f[2], CultureInfo.InvariantCulture);
                var v = double.Parse(f[3], CultureInfo.InvariantCulture);
                preds[o][s][h] = options.NonNegative ? Math.Max(0, v) : v;
            }

            var result = Backtester.Evaluate($"peer_{model}", panel, origins, horizons, preds, options.NonNegative) with { Predictions = preds };
            yield return ($"peer_{model}", result, timings.GetValueOrDefault(model, double.NaN));
        }
    }

    /// <summary>SHA-256 over the exported inputs (file names and bytes, in name order) and the peer script.</summary>
    internal static string InputHash(string dir, string script)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var inputs = Directory.GetFiles(dir)
            .Where(f => Path.GetFileName(f) is var n && (n == "series.csv" || n == "config.json" || n.StartsWith("X_h", StringComparison.Ordinal) || n.StartsWith("meta_h", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .Append(script);
        foreach (var file in inputs)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void Export(string dir, SeriesPanel panel, ForecastEngineOptions options, int[] origins, int[] horizons)
    {
        var sb = new StringBuilder();
        for (var s = 0; s < panel.Count; s++)
        {
            sb.AppendJoin(',', Enumerable.Range(0, panel.Length).Select(t => panel.Observed(s, t).ToString("R", CultureInfo.InvariantCulture)));
            sb.Append('\n');
        }

        File.WriteAllText(Path.Combine(dir, "series.csv"), sb.ToString());
        var gbm = options.Gbm ?? new();
        var features = new FeatureBuilder(panel, gbm.Features);
        foreach (var h in horizons)
        {
            // Every row usable by some origin: targets up to the last origin + h (the test rows of that origin).
            var data = HorizonDataset.Training(features, panel, h, origins[^1] + h, 0);
            using (var bin = new BinaryWriter(File.Create(Path.Combine(dir, $"X_h{h}.f32"))))
            {
                foreach (var v in data.X)
                {
                    bin.Write(v);
                }
            }

            var meta = new StringBuilder("series,origin,level,y\n");
            for (var r = 0; r < data.Rows; r++)
            {
                meta.Append(CultureInfo.InvariantCulture, $"{data.Series[r]},{data.Origin[r]},{data.Level[r]:R},{data.Y[r]:R}\n");
            }

            File.WriteAllText(Path.Combine(dir, $"meta_h{h}.csv"), meta.ToString());
        }

        var config = new
        {
            origins,
            horizons,
            season = options.Ets?.SeasonLength ?? panel.Frequency.DefaultSeasonLength(),
            max_history = options.Ets?.MaxHistory ?? 728,
            features = features.Names,
            gbm = new
            {
                learning_rate = gbm.LearningRate,
                max_iter = gbm.MaxIterations,
                max_leaf_nodes = gbm.MaxLeaves,
                max_depth = gbm.MaxDepth,
                min_samples_leaf = gbm.MinSamplesLeaf,
                l2_regularization = gbm.L2,
                max_bins = gbm.MaxBins,
                n_iter_no_change = gbm.EarlyStoppingRounds,
                validation_fraction = gbm.ValidationFraction,
                loss = gbm.Objective == Obrador.Forecasting.Models.Gbm.GbmObjective.Poisson ? "poisson" : "squared_error",
                weight_by_level = gbm.WeightByLevel,
            },
        };
        File.WriteAllText(Path.Combine(dir, "config.json"), JsonSerializer.Serialize(config));
    }
}
