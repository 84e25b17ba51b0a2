using System.CommandLine;
using System.Globalization;
using Obrador.Forecasting;
using Obrador.Forecasting.Cli;
using Obrador.Forecasting.Series;

namespace Obrador.Functions.Cli;

/// <summary>
/// <c>obrador forecast backtest|predict</c> on any long-format CSV. Thin glue: parsing here, logic in
/// <see cref="ForecastCli"/>. Exit codes: 0 success, 2 bad input (message on standard error).
/// </summary>
internal static class ForecastCommands
{
    /// <summary>The <c>forecast</c> command with its <c>backtest</c> and <c>predict</c> subcommands.</summary>
    public static Command Build()
    {
        var forecast = new Command("forecast", "Backtest and forecast any long-format CSV (one row per series × date).");
        forecast.Subcommands.Add(Backtest());
        forecast.Subcommands.Add(Predict());
        return forecast;
    }

    private static Command Backtest()
    {
        var o = new CommonOptions();
        var command = new Command("backtest", "Rolling-origin backtest of every model; prints MAE, RMSE, MAPE, sMAPE, wMAPE, bias, MASE and coverage per horizon.");
        o.AddTo(command);
        command.SetAction((parse, ct) => Task.FromResult(Guarded(() => ForecastCli.Backtest(o.Request(parse), Console.Out, ct))));
        return command;
    }

    private static Command Predict()
    {
        var o = new CommonOptions();
        var origin = new Option<string?>("--origin") { Description = "Forecast origin yyyy-MM-dd (default: the last date with data)." };
        var output = new Option<string?>("--output") { Description = "CSV file for the forecasts (default: standard output)." };
        var command = new Command("predict", "Backtest, train the champion and write p10/p50/p90 per series × horizon as CSV.");
        o.AddTo(command);
        command.Options.Add(origin);
        command.Options.Add(output);
        command.SetAction((parse, ct) => Task.FromResult(Guarded(() =>
        {
            var request = o.Request(parse) with
            {
                Origin = parse.GetValue(origin) is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                Output = parse.GetValue(output),
            };
            if (request.Output is null)
            {
                return ForecastCli.Predict(request, Console.Out, Console.Error, cancellationToken: ct);
            }

            using var writer = new StreamWriter(request.Output);
            return ForecastCli.Predict(request, writer, Console.Out, cancellationToken: ct);
        })));
        return command;
    }

    private static int Guarded(Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception ex) when (ex is ForecastException or ArgumentException or FormatException or IOException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }

    private sealed class CommonOptions
    {
        private readonly Option<string> input = new("--input") { Description = "Long-format CSV file.", Required = true };
        private readonly Option<string[]> series = new("--series-column") { Description = "Column(s) forming the series id (repeat or comma-separate).", Required = true, AllowMultipleArgumentsPerToken = true };
        private readonly Option<string> date = new("--date-column") { Description = "Date column.", Required = true };
        private readonly Option<string> value = new("--value-column") { Description = "Value column.", Required = true };
        private readonly Option<string?> divideBy = new("--divide-by") { Description = "Column to divide the value by (revenue / unit price = units)." };
        private readonly Option<string[]> covariates = new("--covariates") { Description = "Numeric covariate columns (comma-separated).", AllowMultipleArgumentsPerToken = true };
        private readonly Option<string> horizons = new("--horizons") { Description = "Horizons in steps, comma-separated.", DefaultValueFactory = _ => "1,7,28" };
        private readonly Option<string?> frequency = new("--frequency") { Description = "daily or weekly (default: detected)." };
        private readonly Option<int> origins = new("--origins") { Description = "Backtest origins.", DefaultValueFactory = _ => 8 };
        private readonly Option<int?> step = new("--step") { Description = "Steps between origins (default 7 daily, 4 weekly)." };
        private readonly Option<string?> holidays = new("--holidays") { Description = "Holiday calendar: FR or ES (default none)." };
        private readonly Option<bool> zeroFill = new("--zero-fill") { Description = "Absent dates are zero sales instead of gaps." };
        private readonly Option<bool> closedAllZero = new("--closed-when-all-zero") { Description = "Dates where every series is zero are closed days." };
        private readonly Option<bool> noGbm = new("--no-gbm") { Description = "Skip the gradient-boosted model (faster)." };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { input, series, date, value, divideBy, covariates, horizons, frequency, origins, step, holidays, zeroFill, closedAllZero, noGbm })
            {
                command.Options.Add(option);
            }
        }

        public ForecastCliRequest Request(ParseResult parse) => new()
        {
            Input = parse.GetValue(input)!,
            Csv = new LongCsvOptions
            {
                SeriesColumns = Split(parse.GetValue(series)),
                DateColumn = parse.GetValue(date)!,
                ValueColumn = parse.GetValue(value)!,
                DivideByColumn = parse.GetValue(divideBy),
                Covariates = Split(parse.GetValue(covariates)),
                Frequency = parse.GetValue(frequency) is { } f ? Enum.Parse<Frequency>(f, ignoreCase: true) : null,
                MissingValue = parse.GetValue(zeroFill) ? 0 : double.NaN,
                ClosedWhenAllZero = parse.GetValue(closedAllZero),
            },
            Horizons = Split([parse.GetValue(horizons)!]).Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToArray(),
            Origins = parse.GetValue(origins),
            Step = parse.GetValue(step),
            HolidayCountry = parse.GetValue(holidays),
            NoGbm = parse.GetValue(noGbm),
        };

        private static string[] Split(string[]? values) =>
            (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
    }
}
