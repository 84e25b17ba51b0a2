using Obrador.Forecasting.Artifacts;
using Obrador.Forecasting.Backtesting;
using Obrador.Forecasting.Models;
using Obrador.Forecasting.Models.Ensemble;
using Obrador.Forecasting.Models.Ets;
using Obrador.Forecasting.Models.EtsSnapshot;
using Obrador.Forecasting.Models.Gbm;
using Obrador.Forecasting.Selection;
using Obrador.Forecasting.Series;

namespace Obrador.Forecasting.Tests;

public class ArtifactTests
{
    private static readonly int[] Horizons = [1, 7, 28];

    private static readonly ForecastEngineOptions Options = new()
    {
        Backtest = new BacktestOptions { Origins = 3, Step = 7 },
        Gbm = new GbmOptions { MaxIterations = 60, MaxTrainingOrigins = 120 },
    };

    /// <summary>The bakery trained by the engine (light settings), shared by the tests.</summary>
    private static readonly Lazy<TrainedForecaster> Trained = new(() => new ForecastEngine(Options).Train(TestSeries.Bakery));

    /// <summary>ETS frozen at the training end of <see cref="Trained"/>.</summary>
    private static readonly Lazy<EtsSnapshotModel> Ets = new(() => EtsSnapshotModel.Fit("ets", TestSeries.Bakery, TestSeries.Bakery.IndexOf(Trained.Value.TrainEnd), new EtsOptions(), default));

    /// <summary>Every storable model kind on the bakery, fitted at the training end: a per-series champion over all of them.</summary>
    private static readonly Lazy<TrainedForecaster> Composite = new(() =>
    {
        var panel = TestSeries.Bakery;
        var end = panel.IndexOf(Trained.Value.TrainEnd);
        var gbm = new GbmModel(Options.Gbm).Fit(panel, end, Horizons);
        var ets = Ets.Value;
        var ensemble = new EnsembleFittedModel("ensemble", [gbm, ets], new Dictionary<int, IReadOnlyList<double>> { [1] = [0.3, 0.7], [7] = [1.0, 0.0], [28] = [0.6, 0.4] }, true);
        IFittedModel[] candidates = [gbm, ets, ensemble, new SeasonalNaiveModel(), new MovingAverageModel()];
        var choice = panel.Series.Select((s, i) => (s.Id, Map: Horizons.Select((_, hi) => (i + hi) % candidates.Length).ToArray())).ToDictionary(x => x.Id, x => x.Map);
        return Trained.Value with { Model = new PerSeriesFittedModel(candidates, Horizons, choice, 0) };
    });

    public static TheoryData<string> Models => new() { "trained", "composite" };

    private static TrainedForecaster Get(string which) => which == "trained" ? Trained.Value : Composite.Value;

    [Theory]
    [MemberData(nameof(Models))]
    public void ReadWrite_BakeryModel_PredictionsBitIdentical(string which)
    {
        var panel = TestSeries.Bakery;
        var model = Get(which);
        var engine = new ForecastEngine(Options);

        var bytes = ForecasterArtifact.Write(model);
        var loaded = ForecasterArtifact.Read(bytes);

        var end = panel.IndexOf(model.TrainEnd);
        foreach (var origin in new[] { end, end - 10 })
        {
            var a = model.Model.Predict(panel, origin, Horizons);
            var b = loaded.Model.Predict(panel, origin, Horizons);
            Assert.Equal(Bits(a), Bits(b));
        }

        var fa = engine.Predict(model, panel, model.TrainEnd);
        var fb = engine.Predict(loaded, panel, model.TrainEnd);
        Assert.Equal(fa.Select(f => (f.SeriesId, f.Horizon, Bits(f.P10), Bits(f.P50), Bits(f.P90), f.Model)), fb.Select(f => (f.SeriesId, f.Horizon, Bits(f.P10), Bits(f.P50), Bits(f.P90), f.Model)));
        Assert.Equal(fa.SelectMany(f => f.TopFeatures), fb.SelectMany(f => f.TopFeatures));
        Assert.Equal((model.Family, model.Version, model.TrainStart, model.TrainEnd), (loaded.Family, loaded.Version, loaded.TrainStart, loaded.TrainEnd));
        Assert.Equal(model.Horizons, loaded.Horizons);
        Assert.Equal(model.Calibration.OrderBy(kv => kv.Key), loaded.Calibration.OrderBy(kv => kv.Key));
        Assert.Equal(model.Model.Importance, loaded.Model.Importance);
        Assert.Equal(model.Backtest.Champion, loaded.Backtest.Champion);
        Assert.Equal(model.Backtest.Models.Select(m => (m.Model, m.MeanWmape)), loaded.Backtest.Models.Select(m => (m.Model, m.MeanWmape)));
        Assert.Equal(model.Backtest.SeriesChampions.Count, loaded.Backtest.SeriesChampions.Count);
        Assert.Equal(bytes, ForecasterArtifact.Write(loaded));
    }

    [Fact]
    public void EtsSnapshot_BakeryAtTrainingEnd_BitIdenticalToEtsModel()
    {
        var panel = TestSeries.Bakery;
        var end = panel.IndexOf(Trained.Value.TrainEnd);

        var frozen = Ets.Value.Predict(panel, end, Horizons);
        var refit = new EtsModel().Fit(panel, end, Horizons).Predict(panel, end, Horizons);

        Assert.Equal(Bits(refit), Bits(frozen));
    }

    [Fact]
    public void Read_Truncated_ThrowsNamingTruncation()
    {
        var bytes = ForecasterArtifact.Write(Trained.Value);

        var ex = Assert.Throws<ForecastException>(() => ForecasterArtifact.Read(bytes[..^100]));
        var header = Assert.Throws<ForecastException>(() => ForecasterArtifact.Read(bytes[..30]));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", header.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FlippedPayloadByte_ThrowsChecksumMismatch()
    {
        var bytes = ForecasterArtifact.Write(Trained.Value);
        bytes[bytes.Length / 2] ^= 0x40;

        var ex = Assert.Throws<ForecastException>(() => ForecasterArtifact.Read(bytes));

        Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownVersionOrMagic_ThrowsNamingIt()
    {
        var bytes = ForecasterArtifact.Write(Trained.Value);
        var future = bytes.ToArray();
        future[8] = ForecasterArtifact.FormatVersion + 1;
        var other = bytes.ToArray();
        other[0] = (byte)'X';

        Assert.Contains($"format version {ForecasterArtifact.FormatVersion + 1} is not supported", Assert.Throws<ForecastException>(() => ForecasterArtifact.Read(future)).Message, StringComparison.Ordinal);
        Assert.Contains("magic", Assert.Throws<ForecastException>(() => ForecasterArtifact.Read(other)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Version2Header_ReadsWithV2GbmOptions()
    {
        var bytes = ForecasterArtifact.Write(Trained.Value);
        var v2 = bytes.ToArray();
        v2[8] = ForecasterArtifact.OldestReadableVersion;
        var v1 = bytes.ToArray();
        v1[8] = ForecasterArtifact.OldestReadableVersion - 1;
        var json = ArtifactJson.Serialize(new GbmOptions { RefitMaxHorizon = 7 });
        var v2Json = json.Replace("\"refitMaxHorizon\":7,", string.Empty, StringComparison.Ordinal);

        var loaded = ForecasterArtifact.Read(v2);

        Assert.Equal(Trained.Value.Version, loaded.Version);
        Assert.Contains("format version 1 is not supported", Assert.Throws<ForecastException>(() => ForecasterArtifact.Read(v1)).Message, StringComparison.Ordinal);
        Assert.NotEqual(json, v2Json);
        Assert.Equal(7, GbmCodec.WithV2Defaults(new GbmOptions { RefitMaxHorizon = 7 }, json).RefitMaxHorizon);
        Assert.Equal(0, GbmCodec.WithV2Defaults(new GbmOptions(), v2Json).RefitMaxHorizon);
    }

    [Fact]
    public void ReadWrite_GbmWithContinueRounds_RoundTripsOptionAndPredictions()
    {
        var panel = TestSeries.Bakery;
        var end = panel.IndexOf(Trained.Value.TrainEnd);
        var gbm = new GbmModel(Options.Gbm! with { ContinueRounds = 25 }).Fit(panel, end, Horizons);
        var model = Trained.Value with { Model = gbm };

        var loaded = ForecasterArtifact.Read(ForecasterArtifact.Write(model));

        Assert.Equal(25, Assert.IsType<GbmFittedModel>(loaded.Model).Options.ContinueRounds);
        Assert.Equal(gbm.Predict(panel, end, Horizons), loaded.Model.Predict(panel, end, Horizons));
    }

    [Fact]
    public void Read_Version3Header_ReadsWithoutContinuedBoosting()
    {
        var v3 = ForecasterArtifact.Write(Trained.Value);
        v3[8] = 3;
        var json = ArtifactJson.Serialize(new GbmOptions { ContinueRounds = 25 });
        var v3Json = json.Replace("\"continueRounds\":25,", string.Empty, StringComparison.Ordinal);

        var loaded = ForecasterArtifact.Read(v3);

        Assert.Equal(Trained.Value.Version, loaded.Version);
        Assert.NotEqual(json, v3Json);
        Assert.Equal(25, GbmCodec.WithV3Defaults(new GbmOptions { ContinueRounds = 25 }, json).ContinueRounds);
        Assert.Equal(0, GbmCodec.WithV3Defaults(new GbmOptions { ContinueRounds = 25 }, v3Json).ContinueRounds);
    }

    [Fact]
    public void Read_ValidChecksumButUnknownModelKind_ThrowsNamingTheSection()
    {
        var w = new ArtifactWriter();
        w.String("sales");
        w.String("v1");
        w.Int32(new DateOnly(2022, 1, 1).DayNumber);
        w.Int32(new DateOnly(2022, 9, 30).DayNumber);
        w.Int32s([1]);
        w.Int32(0);
        w.Byte(99);
        w.String("mystery");

        var ex = Assert.Throws<ForecastException>(() => ForecasterArtifact.Read(Wrap(w.ToArray())));

        Assert.Contains("unknown model kind 99", ex.Message, StringComparison.Ordinal);
        Assert.Equal("model 'mystery'", ex.Column);
    }

    [Fact]
    public void Read_TreeChildOutOfRange_ThrowsNamingTheTree()
    {
        var model = Trained.Value;
        var gbm = (GbmFittedModel)new GbmModel(new GbmOptions { MaxIterations = 3 }).Fit(TestSeries.Bakery, TestSeries.Bakery.IndexOf(model.TrainEnd), [1]);
        gbm.Boosters[1]!.Trees[2].Left[0] = 0; // a cycle: the root's left child is itself

        var ex = Assert.Throws<ForecastException>(() => ForecasterArtifact.Read(ForecasterArtifact.Write(model with { Model = gbm })));

        Assert.Contains("tree 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("children", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CustomModel_ThrowsForecastException()
    {
        var ex = Assert.Throws<ForecastException>(() => ForecasterArtifact.Write(Trained.Value with { Model = new DriftModel("drift", 1) }));

        Assert.Contains("'drift'", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Wrap(byte[] payload)
    {
        var header = ForecasterArtifact.Write(Trained.Value)[..52];
        BitConverter.TryWriteBytes(header.AsSpan(12), (long)payload.Length);
        System.Security.Cryptography.SHA256.HashData(payload, header.AsSpan(20, 32));
        return [.. header, .. payload];
    }

    private static long[] Bits(double[][] values) => values.SelectMany(r => r).Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
