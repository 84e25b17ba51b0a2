using System.Globalization;
using Obrador.Forecasting.Backtesting;

namespace Obrador.Forecasting.Cli;

/// <summary>The logic behind <c>obrador forecast backtest</c> and <c>obrador forecast predict</c>; the command classes only parse arguments.</summary>
public static class ForecastCli
{
    /// <summary>Reads the CSV, backtests every model and prints the metric table. Returns the process exit code (0).</summary>
    /// <exception cref="ForecastException">Unreadable input or a panel too short for the backtest.</exception>
    public static int Backtest(ForecastCliRequest request, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var panel = LongCsvReader.Read(request.Input, request.Csv);
        output.WriteLine($"{panel.Count} series, {panel.Length} {panel.Frequency.ToString().ToLowerInvariant()} steps from {panel.Start:yyyy-MM-dd}");
        var report = new ForecastEngine(request.EngineOptions(panel.Frequency)).Backtest(panel, cancellationToken);
        WriteTable(report, output);
        return 0;
    }

    /// <summary>Backtests, trains the champion and writes one CSV line per series × horizon (p10/p50/p90), then the metric table to <paramref name="log"/>.</summary>
    public static int Predict(ForecastCliRequest request, TextWriter output, TextWriter log, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        var panel = LongCsvReader.Read(request.Input, request.Csv);
        var engine = new ForecastEngine(request.EngineOptions(panel.Frequency), timeProvider);
        var origin = request.Origin ?? panel.LastDate;
        var trained = engine.Train(panel, origin, cancellationToken);
        WriteTable(trained.Backtest, log);
        log.WriteLine($"model {trained.Version}");
        WriteForecasts(engine.Predict(trained, panel, origin, cancellationToken), output);
        return 0;
    }

    /// <summary>Prints one row per model × horizon: MAE, RMSE, MAPE, sMAPE, wMAPE, bias, MASE, interval coverage.</summary>
    public static void WriteTable(BacktestReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"origins {report.Origins[0]:yyyy-MM-dd} … {report.Origins[^1]:yyyy-MM-dd} ({report.Origins.Count})");
        output.WriteLine($"{"model",-16}{"h",4}{"n",8}{"MAE",11}{"RMSE",11}{"MAPE%",9}{"sMAPE%",9}{"wMAPE%",9}{"bias",10}{"MASE",8}{"cover",8}");
        foreach (var m in report.Models)
        {
            foreach (var h in report.Horizons)
            {
                var x = m.ByHorizon[h];
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Model,-16}{h,4}{x.Count,8}{x.Mae,11:F3}{x.Rmse,11:F3}{x.Mape,9:F2}{x.Smape,9:F2}{x.Wmape,9:F2}{x.Bias,10:F3}{x.Mase,8:F3}{x.Coverage,8:P0}"));
            }
        }

        output.WriteLine($"champion: {report.Champion}");
    }

    /// <summary>Writes forecasts as CSV: <c>series,origin,horizon,target_date,p10,p50,p90,model,model_version,top_features</c>.</summary>
    public static void WriteForecasts(IEnumerable<SeriesForecast> forecasts, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("series,origin,horizon,target_date,p10,p50,p90,model,model_version,top_features");
        foreach (var f in forecasts)
        {
            var top = string.Join(';', f.TopFeatures.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Feature}={c.Contribution:+0.###;-0.###}")));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Quote(f.SeriesId)},{f.Origin:yyyy-MM-dd},{f.Horizon},{f.TargetDate:yyyy-MM-dd},{f.P10:0.###},{f.P50:0.###},{f.P90:0.###},{f.Model},{f.ModelVersion},{Quote(top)}"));
        }
    }

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal)
        ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : s;
}
