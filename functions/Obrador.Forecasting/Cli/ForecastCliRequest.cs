using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Cli;

/// <summary>Everything <c>obrador forecast backtest|predict</c> takes from the command line.</summary>
public sealed record ForecastCliRequest
{
    /// <summary>Path of the long-format CSV.</summary>
    public required string Input { get; init; }

    /// <summary>How to read the CSV.</summary>
    public required LongCsvOptions Csv { get; init; }

    /// <summary>Horizons in steps of the detected frequency. Default 1, 7, 28.</summary>
    public IReadOnlyList<int> Horizons { get; init; } = [1, 7, 28];

    /// <summary>Backtest origins. Default 8.</summary>
    public int Origins { get; init; } = 8;

    /// <summary>Steps between origins; null = 7 for daily data, 4 for weekly data.</summary>
    public int? Step { get; init; }

    /// <summary>Holiday calendar country (<c>FR</c>, <c>ES</c>) or null for none.</summary>
    public string? HolidayCountry { get; init; }

    /// <summary>Leave out the (slower) GBM. Default false.</summary>
    public bool NoGbm { get; init; }

    /// <summary>Forecast origin for <c>predict</c>; null = the last date with data.</summary>
    public DateOnly? Origin { get; init; }

    /// <summary>Where <c>predict</c> writes its CSV; null = standard output.</summary>
    public string? Output { get; init; }

    internal ForecastEngineOptions EngineOptions(Frequency frequency) => new()
    {
        Horizons = Horizons,
        Backtest = new Backtesting.BacktestOptions { Origins = Origins, Step = Step ?? (frequency == Frequency.Weekly ? 4 : 7) },
        Gbm = NoGbm ? null : new Models.Gbm.GbmOptions { Features = new Features.FeatureOptions { HolidayCountry = HolidayCountry } },
    };
}
