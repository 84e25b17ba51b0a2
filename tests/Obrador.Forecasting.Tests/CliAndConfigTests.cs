using System.Globalization;
using System.Text;
using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Cli;
using Obrador.Forecasting.Metrics;
using Obrador.Testing;

namespace Obrador.Forecasting.Tests;

public class CliAndConfigTests
{
    [Theory]
    [InlineData("sales.json", "sales")]
    [InlineData("cost.json", "cost")]
    public void ModelFamilyConfig_ShippedFiles_ParseAndValidate(string file, string family)
    {
        var config = ModelFamilyConfig.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "models", "forecasting", file)));

        Assert.Equal(family, config.Name);
        Assert.Equal(family, config.Engine.Family);
        Assert.Equal([1, 7, 28], config.Engine.Horizons);
        Assert.NotNull(config.Engine.Gbm);
    }

    [Fact]
    public void ModelFamilyConfig_UnknownProperty_ThrowsForecastException()
    {
        Assert.Throws<ForecastException>(() => ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "horizonz": [1] } }"""));
        Assert.Throws<ForecastException>(() => ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "horizons": [0] } }"""));
    }

    [Fact]
    public void ModelFamilyConfig_RecencySettings_DefaultsParsedOrRejected()
    {
        var defaults = ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "gbm": { "learningRate": 0.1 } } }""");
        var set = ModelFamilyConfig.Parse("""
            { "name": "x", "engine": { "gbm": { "refitMaxHorizon": 7, "recencyHalfLife": 90, "continueRounds": 0 },
              "backtest": { "shortHorizonRefitEvery": 1, "shortHorizonMax": 2 } } }
            """);

        Assert.Equal(1, defaults.Engine.Gbm!.RefitMaxHorizon);
        Assert.Null(defaults.Engine.Gbm.RecencyHalfLife);
        Assert.Equal(25, defaults.Engine.Gbm.ContinueRounds);
        Assert.Null(defaults.Engine.Backtest.ShortHorizonRefitEvery);
        Assert.Equal(7, set.Engine.Gbm!.RefitMaxHorizon);
        Assert.Equal(90, set.Engine.Gbm.RecencyHalfLife);
        Assert.Equal(0, set.Engine.Gbm.ContinueRounds);
        Assert.Equal(1, set.Engine.Backtest.ShortHorizonRefitEvery);
        Assert.Equal(2, set.Engine.Backtest.ShortHorizonMax);
        Assert.Throws<ForecastException>(() => ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "gbm": { "recencyHalfLife": -1 } } }"""));
        Assert.Throws<ForecastException>(() => ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "gbm": { "continueRounds": -1 } } }"""));
    }

    [Fact]
    public void ModelFamilyConfig_EnsembleSettings_ParsedOrDisabledOrRejected()
    {
        var config = ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "ensemble": { "members": ["gbm", "ets", "moving_average"], "warmupOrigins": 4, "weightStep": 0.25 } } }""");
        var off = ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "ensemble": null } }""");

        Assert.Equal(["gbm", "ets", "moving_average"], config.Engine.Ensemble!.Members);
        Assert.Equal(4, config.Engine.Ensemble.WarmupOrigins);
        Assert.Equal(0.25, config.Engine.Ensemble.WeightStep);
        Assert.Null(off.Engine.Ensemble);
        Assert.Throws<ForecastException>(() => ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "ensemble": { "members": ["gbm"] } } }"""));
        Assert.Throws<ForecastException>(() => ModelFamilyConfig.Parse("""{ "name": "x", "engine": { "ensemble": { "members": ["gbm", "ensemble"] } } }"""));
    }

    [Fact]
    public void Backtest_EnsembleMemberDisabled_NoEnsembleRow()
    {
        var panel = TestSeries.Panel(TestSeries.Weekly(20, 3, 5, 8, 1, 9, 12, 0), TestSeries.Weekly(20, 1, 1, 2, 2, 3, 3, 4));

        var report = new ForecastEngine(new ForecastEngineOptions { Backtest = new() { Origins = 2 }, Gbm = null }).Backtest(panel);

        Assert.DoesNotContain(report.Models, m => m.Model == "ensemble");
        Assert.Empty(report.EnsembleWeights);
        Assert.Equal(2, report.Origins.Count);
    }

    [Fact]
    public void PromotionRule_ChallengerTwoPercentBetter_PromotedOnlyWithoutHorizonRegression()
    {
        static ModelBacktest Model(double h1, double h7) => new()
        {
            Model = "m",
            ByHorizon = new Dictionary<int, MetricSet> { [1] = new() { Wmape = h1 }, [7] = new() { Wmape = h7 } },
            BySeries = new Dictionary<string, IReadOnlyDictionary<int, MetricSet>>(),
            Calibration = new Dictionary<int, IntervalCalibration>(),
        };
        var rule = new PromotionRule();

        Assert.True(rule.ShouldPromote(Model(20, 30), Model(19, 29)));
        Assert.False(rule.ShouldPromote(Model(20, 30), Model(19.9, 29.9)));
        Assert.False(rule.ShouldPromote(Model(20, 30), Model(10, 32)));
    }

    [Fact]
    public void Cli_BacktestAndPredict_PrintTableAndOneCsvLinePerSeriesAndHorizon()
    {
        var dir = RepoPaths.NewTempDirectory();
        try
        {
            var csv = new StringBuilder("shop,day,sales,price\n");
            var rng = new Random(11);
            foreach (var shop in new[] { "north", "south", "east" })
            {
                for (var t = 0; t < 150; t++)
                {
                    var v = (shop.Length * 3) + (t % 7 == 5 ? 20 : 0) + rng.Next(0, 4);
                    csv.Append(CultureInfo.InvariantCulture, $"{shop},{new DateOnly(2023, 1, 1).AddDays(t):yyyy-MM-dd},{v},1.5\n");
                }
            }

            var input = Path.Combine(dir, "sales.csv");
            File.WriteAllText(input, csv.ToString());
            var request = new ForecastCliRequest
            {
                Input = input,
                Csv = new LongCsvOptions { SeriesColumns = ["shop"], DateColumn = "day", ValueColumn = "sales", Covariates = ["price"] },
                Origins = 3,
                HolidayCountry = "ES",
            };

            var table = new StringWriter();
            Assert.Equal(0, ForecastCli.Backtest(request, table));
            var text = table.ToString();
            foreach (var model in new[] { "seasonal_naive", "moving_average", "ets", "gbm" })
            {
                Assert.Contains(model, text, StringComparison.Ordinal);
            }

            Assert.Contains("champion: ", text, StringComparison.Ordinal);

            var output = new StringWriter();
            Assert.Equal(0, ForecastCli.Predict(request, output, new StringWriter()));
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("series,origin,horizon,target_date,p10,p50,p90,model,model_version,top_features", lines[0]);
            Assert.Equal(1 + (3 * 3), lines.Length);
            Assert.Contains(lines, l => l.StartsWith("south,2023-05-30,7,2023-06-06,", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
