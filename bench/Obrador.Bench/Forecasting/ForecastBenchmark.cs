using System.Diagnostics;
using System.Globalization;
using Obrador.Forecasting;
using Obrador.Forecasting.Artifacts;
using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Series;

namespace Obrador.Bench.Forecasting;

/// <summary>
/// Rolling-origin backtest of seasonal naive, ETS and GBM against statsmodels ExponentialSmoothing and scikit-learn
/// HistGradientBoostingRegressor on the same split and the same feature matrix.
/// </summary>
internal sealed class ForecastBenchmark : IBenchmark
{
    public string Name => "forecast";

    public string Description => "forecast [bakery|walmart|all] [--origins N] [--step S] [--every K] [--no-peers] [--median-gbm] [--ps-candidates a,b] [--ps-improvement X] [--ps-min-nonzero N] [--last-origin yyyy-MM-dd] [--gbm-refit-max-h N] [--gbm-half-life D|none] [--short-refit-every K] [--gbm-seed N] [--gbm-refit-valid F] [--gbm-continue N]: backtest vs statsmodels/sklearn";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var dataset = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var peers = !args.Contains("--no-peers");
        var medianGbm = args.Contains("--median-gbm");
        string? Text(string name) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : null;
        var perSeries = new Obrador.Forecasting.Selection.PerSeriesOptions();
        perSeries = perSeries with
        {
            Candidates = Text("--ps-candidates")?.Split(',') ?? perSeries.Candidates,
            MinRelativeImprovement = Text("--ps-improvement") is { } x ? double.Parse(x, CultureInfo.InvariantCulture) : perSeries.MinRelativeImprovement,
            MinNonZeroActuals = Arg("--ps-min-nonzero", perSeries.MinNonZeroActuals),
        };
        foreach (var name in dataset == "all" ? new[] { "bakery", "walmart" } : [dataset])
        {
            var origins = Arg("--origins", 8);
            var step = Arg("--step", name == "walmart" ? 2 : 7);
            // statsmodels needs ~0.15 s per fit: on Walmart (3,331 series) the comparison keeps every 20th series.
            var every = Arg("--every", name == "walmart" ? 20 : 1);
            var tuning = new GbmTuning(
                Text("--last-origin") is { } lo ? DateOnly.ParseExact(lo, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                Text("--gbm-refit-max-h") is { } rh ? int.Parse(rh, CultureInfo.InvariantCulture) : null,
                Text("--gbm-half-life") is { } hl ? (hl == "none" ? 0 : double.Parse(hl, CultureInfo.InvariantCulture)) : null,
                Text("--short-refit-every") is { } se ? int.Parse(se, CultureInfo.InvariantCulture) : null,
                Text("--gbm-seed") is { } seed ? int.Parse(seed, CultureInfo.InvariantCulture) : null,
                Text("--gbm-refit-valid") is { } rv ? double.Parse(rv, CultureInfo.InvariantCulture) : null,
                Text("--gbm-continue") is { } cr ? int.Parse(cr, CultureInfo.InvariantCulture) : null);
            RunOne(name, origins, step, every, peers, medianGbm, perSeries, tuning, cancellationToken);
        }

        return Task.CompletedTask;
    }

    private static void RunOne(string name, int originCount, int step, int every, bool peers, bool medianGbm, Obrador.Forecasting.Selection.PerSeriesOptions perSeries, GbmTuning tuning, CancellationToken ct)
    {
        var load = Stopwatch.StartNew();
        var (full, loaded) = ForecastDatasets.Load(name, originCount, step, medianGbm);
        var options = tuning.Apply(loaded with { PerSeries = perSeries });
        Console.WriteLine($"settings: last origin {options.Backtest.LastOrigin?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "default"}, GBM refit-on-all-rows max horizon {options.Gbm?.RefitMaxHorizon}, recency half-life {options.Gbm?.RecencyHalfLife?.ToString(CultureInfo.InvariantCulture) ?? "none"}, GBM seed {options.Gbm?.Seed}, refit validation share {options.Gbm?.RefitValidationFraction?.ToString(CultureInfo.InvariantCulture) ?? "default"}, continued-boosting rounds {options.Gbm?.ContinueRounds}, global refit every {options.Backtest.GlobalRefitEvery} (short horizons every {options.Backtest.ShortHorizonRefitEvery})");
        var panel = every == 1 ? full : SeriesPanel.Create(full.Series.Where((_, i) => i % every == 0).ToList(), full.Frequency);
        Console.WriteLine($"## {name}: {panel.Count} series (every {every}. of {full.Count}) × {panel.Length} steps ({panel.Frequency}), horizons {string.Join(",", options.Horizons)}, loaded in {load.Elapsed.TotalSeconds:F1} s");

        var engine = new ForecastEngine(options);
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        var trained = engine.Train(panel, cancellationToken: ct);
        var forecasts = engine.Predict(trained, panel, trained.TrainEnd, ct);
        total.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        var report = trained.Backtest;
        Console.WriteLine($"train + backtest + score (all models, {report.Origins.Count} origins {report.Origins[0]:yyyy-MM-dd}…{report.Origins[^1]:yyyy-MM-dd}, step {step}): wall {total.Elapsed.TotalSeconds:F1} s, CPU {cpu.TotalSeconds:F1} s (load average {LoadAverage()}); champion {report.Champion}; {forecasts.Count} forecasts");

        ArtifactRoundTrip(engine, trained, panel, forecasts, ct);

        if (Environment.GetEnvironmentVariable("OBRADOR_DUMP_OURS") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            foreach (var m in report.Models)
            {
                using var w = new StreamWriter(Path.Combine(dump, $"ours_{m.Model}.csv"));
                w.WriteLine("origin,series,horizon,yhat");
                for (var o = 0; o < m.Predictions.Length; o++)
                {
                    for (var s = 0; s < m.Predictions[o].Length; s++)
                    {
                        for (var h = 0; h < m.Predictions[o][s].Length; h++)
                        {
                            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{o},{s},{h},{m.Predictions[o][s][h]:R}"));
                        }
                    }
                }
            }
        }

        var rows = report.Models.Select(m => (m.Model, Result: m, Seconds: m.Elapsed.TotalSeconds)).ToList();
        if (peers)
        {
            // Non-default origins get their own peer cache, so the reported split's cached peers are not overwritten.
            var cacheName = options.Backtest.LastOrigin is { } lastOrigin ? $"{name}-{lastOrigin:yyyyMMdd}" : name;
            rows.AddRange(PeerRunner.Run(cacheName, panel, options, report, ct));
        }

        PrintTable(report.Horizons, rows);
        PairedComparison.Print(panel, report.Origins.Select(panel.IndexOf).ToArray(), report.Horizons, rows);
        if (options.Ensemble is { } ensemble && report.EnsembleWeights.Count > 0)
        {
            Console.WriteLine("ensemble weights decided at the training end (" + string.Join(", ", ensemble.Members) + "): " +
                string.Join("; ", report.EnsembleWeights.Select(kv => $"h{kv.Key} " + string.Join("/", kv.Value.Select(w => w.ToString("0.0", CultureInfo.InvariantCulture))))));
        }

        if (report.SeriesChampions.Count > 0)
        {
            var cells = report.SeriesChampions.Values.SelectMany(m => m.Values).ToList();
            var switched = cells.Where(m => m != report.GlobalChampion).GroupBy(m => m).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"per-series selection at the training end: {cells.Count(m => m != report.GlobalChampion)} of {cells.Count} series × horizons leave the global champion {report.GlobalChampion} ({string.Join(", ", switched)}); champion used for scoring: {report.Champion}");
        }

        var gbm = report.Models.FirstOrDefault(m => m.Model == "gbm");
        if (gbm is not null)
        {
            Console.WriteLine("GBM top features (gain share): " + string.Join(", ", gbm.Importance.Take(8).Select(f => $"{f.Feature} {f.Share:P1}")));
        }

        Console.WriteLine();
    }

    /// <summary>Stores the trained model, loads it back and scores from it, as the pipeline's train/score stages do.</summary>
    private static void ArtifactRoundTrip(ForecastEngine engine, TrainedForecaster trained, SeriesPanel panel, IReadOnlyList<SeriesForecast> forecasts, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var bytes = ForecasterArtifact.Write(trained);
        var write = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var loaded = ForecasterArtifact.Read(bytes);
        var read = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var scored = engine.Predict(loaded, panel, trained.TrainEnd, ct);
        var score = sw.Elapsed.TotalMilliseconds;
        static long B(double v) => BitConverter.DoubleToInt64Bits(v);
        var identical = scored.Count == forecasts.Count && scored.Zip(forecasts).All(p =>
            p.First.SeriesId == p.Second.SeriesId && B(p.First.P10) == B(p.Second.P10) && B(p.First.P50) == B(p.Second.P50) && B(p.First.P90) == B(p.Second.P90));
        Console.WriteLine($"artifact v{ForecasterArtifact.FormatVersion} ({trained.Model.Name}): {bytes.Length / 1024.0:F0} KiB, write {write:F0} ms, read {read:F0} ms, score from it {score:F0} ms ({scored.Count} forecasts), bit-identical to the in-memory model: {(identical ? "yes" : "NO")}");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    internal static void PrintTable(IReadOnlyList<int> horizons, IReadOnlyList<(string Model, ModelBacktest Result, double Seconds)> rows)
    {
        var naive = rows.First(r => r.Model == "seasonal_naive").Result;
        Console.WriteLine("| model | " + string.Join(" | ", horizons.Select(h => $"wMAPE h{h}")) + " | " + string.Join(" | ", horizons.Select(h => $"MASE h{h}")) + " | coverage p10–p90 | wall s |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", (horizons.Count * 2) + 2)));
        foreach (var (model, r, seconds) in rows)
        {
            var w = horizons.Select(h => $"{r.ByHorizon[h].Wmape:F2}");
            var m = horizons.Select(h => $"{r.ByHorizon[h].Mase:F3}");
            var cov = r.ByHorizon.Values.Select(x => x.Coverage).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
            Console.WriteLine($"| {model} | {string.Join(" | ", w)} | {string.Join(" | ", m)} | {cov:P1} | {seconds:F1} |");
        }

        var best = rows.Where(r => !r.Model.StartsWith("peer", StringComparison.Ordinal)).MinBy(r => r.Result.ByHorizon[horizons[0]].Wmape);
        var gain = 1 - (best.Result.ByHorizon[horizons[0]].Wmape / naive.ByHorizon[horizons[0]].Wmape);
        Console.WriteLine($"best ours at h{horizons[0]}: {best.Model}, {gain:P1} lower wMAPE than seasonal naive (target ≥ 20 %)");
    }
}
