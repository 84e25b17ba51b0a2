using Obrador.Forecasting.Cli;
using Obrador.Forecasting.Series;
using Obrador.Testing;

namespace Obrador.Forecasting.Tests;

internal static class TestSeries
{
    public static readonly DateOnly Start = new(2024, 1, 1);

    private static readonly Lazy<SeriesPanel> LazyBakery = new(() => LongCsvReader.Read(
        Path.Combine(RepoPaths.SharedData, "bakery-fr", "daily_sales_french_bakery.csv"),
        new LongCsvOptions
        {
            SeriesColumns = ["unique_id"],
            DateColumn = "ds",
            ValueColumn = "y",
            DivideByColumn = "unit_price",
            Covariates = ["unit_price"],
            ClosedWhenAllZero = true,
        }));

    /// <summary>The French bakery, units per article per day (148 series).</summary>
    public static SeriesPanel Bakery => LazyBakery.Value;

    public static double[] Weekly(int weeks, params double[] pattern) =>
        Enumerable.Range(0, weeks * 7).Select(t => pattern[t % 7]).ToArray();

    public static SeriesPanel Panel(params double[][] values) =>
        SeriesPanel.Create(values.Select((v, i) => new TimeSeries { Id = $"s{i}", Start = Start, Values = v }).ToList(), Frequency.Daily);
}
