using Obrador.Forecasting;
using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Cli;
using Obrador.Forecasting.Features;
using Obrador.Forecasting.Models.Ensemble;
using Obrador.Forecasting.Models.Gbm;
using Obrador.Forecasting.Series;

namespace Obrador.Bench.Forecasting;

/// <summary>The two benchmark datasets and the engine settings used on each.</summary>
internal static class ForecastDatasets
{
    public static string SharedData =>
        Environment.GetEnvironmentVariable("OBRADOR_SHARED_DATA") is { Length: > 0 } d ? d : Path.GetFullPath(Path.Combine(FindRoot(), "..", "shared", "data"));

    /// <summary>
    /// The dataset and its engine settings. <paramref name="medianGbm"/> adds the absolute-error GBM (<c>gbm_l1</c>: the
    /// GBM's own options with <see cref="GbmObjective.AbsoluteError"/>) as a model and as a third ensemble member.
    /// </summary>
    public static (SeriesPanel Panel, ForecastEngineOptions Options) Load(string name, int origins, int step, bool medianGbm = false)
    {
        var (panel, options) = LoadDefault(name, origins, step);
        if (!medianGbm)
        {
            return (panel, options);
        }

        return (panel, options with
        {
            GbmMedian = (options.Gbm ?? new GbmOptions()) with { Objective = GbmObjective.AbsoluteError },
            Ensemble = new EnsembleOptions { Members = [GbmModel.DefaultName, GbmModel.MedianName, "ets"] },
        });
    }

    private static (SeriesPanel Panel, ForecastEngineOptions Options) LoadDefault(string name, int origins, int step) => name switch
    {
        "bakery" => (LongCsvReader.Read(Path.Combine(SharedData, "bakery-fr", "daily_sales_french_bakery.csv"), new LongCsvOptions
        {
            SeriesColumns = ["unique_id"],
            DateColumn = "ds",
            ValueColumn = "y",
            DivideByColumn = "unit_price",
            Covariates = ["unit_price"],
            ClosedWhenAllZero = true,
        }), new ForecastEngineOptions
        {
            Horizons = [1, 7, 28],
            Backtest = new BacktestOptions { Origins = origins, Step = step },
        }),
        "walmart" => (LongCsvReader.Read(Path.Combine(SharedData, "walmart-store-sales", "train.csv"), new LongCsvOptions
        {
            SeriesColumns = ["Store", "Dept"],
            DateColumn = "Date",
            ValueColumn = "Weekly_Sales",
            Covariates = ["IsHoliday"],
            Frequency = Frequency.Weekly,
        }), new ForecastEngineOptions
        {
            Horizons = [1, 2, 4],
            Backtest = new BacktestOptions { Origins = origins, Step = step },
            Gbm = new() { Features = new FeatureOptions { HolidayCountry = null } },
        }),
        _ => throw new ArgumentException($"Unknown dataset '{name}' (bakery, walmart)."),
    };

    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found");
    }
}
