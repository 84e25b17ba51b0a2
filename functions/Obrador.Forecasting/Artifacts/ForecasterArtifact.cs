using System.Buffers.Binary;
using System.Security.Cryptography;
using Obrador.Forecasting.Backtesting;

namespace Obrador.Forecasting.Artifacts;

/// <summary>
/// Stores a <see cref="TrainedForecaster"/> as bytes and loads it back, so scoring needs no refit: predictions of the
/// loaded model are bit-identical to the trained one's. Format version <see cref="FormatVersion"/>, documented in
/// <c>docs/forecasting.md</c> ("Model artifact").
/// </summary>
/// <remarks>
/// Layout (little-endian): magic <c>OBRFCST</c>+0 (8 bytes), format version (uint16), reserved (uint16, 0), payload
/// length (int64), SHA-256 of the payload (32 bytes), payload. The payload holds, in order: metadata (family, model
/// version, training window, horizons), conformal calibration per horizon, the fitted model as a tree of nodes (GBM
/// trees per horizon with split features, thresholds, leaf values and bin edges; ETS form and parameters per series;
/// combination weights; the per-series champion map), and the backtest report as gzip-compressed JSON.
/// Thread-safe (stateless).
/// </remarks>
public static class ForecasterArtifact
{
    /// <summary>
    /// The format version this build writes (3: the GBM options carry <c>refitMaxHorizon</c> and
    /// <c>recencyHalfLife</c>; 4: also <c>continueRounds</c>). It also reads <see cref="OldestReadableVersion"/> and later.
    /// </summary>
    public const int FormatVersion = 4;

    /// <summary>
    /// The oldest format version this build reads: 2, whose layout is that of 4 without the three GBM options; a version 2
    /// GBM was fitted without them (<c>RefitMaxHorizon</c> 0, no recency weights, no continued boosting) and a version 3
    /// GBM without continued boosting (<c>ContinueRounds</c> 0); they are loaded as such.
    /// </summary>
    public const int OldestReadableVersion = 2;

    /// <summary>File name used in the model registry folder.</summary>
    public const string FileName = "forecaster.obfm";

    private const int HeaderLength = 8 + 2 + 2 + 8 + 32;

    private static ReadOnlySpan<byte> Magic => "OBRFCST\0"u8;

    /// <summary>Serialises <paramref name="model"/>.</summary>
    /// <exception cref="ForecastException">The model contains a custom (non built-in) model.</exception>
    public static byte[] Write(TrainedForecaster model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var w = new ArtifactWriter();
        w.String(model.Family);
        w.String(model.Version);
        w.Int32(model.TrainStart.DayNumber);
        w.Int32(model.TrainEnd.DayNumber);
        w.Int32s(model.Horizons.ToArray());
        w.Int32(model.Calibration.Count);
        foreach (var (h, c) in model.Calibration.OrderBy(kv => kv.Key))
        {
            w.Int32(h);
            w.Double(c.Lower);
            w.Double(c.Upper);
            w.Double(c.Median);
            w.Int32(c.Count);
        }

        ModelCodec.Write(w, model.Model);
        w.Bytes(ArtifactJson.Compressed(model.Backtest));
        var payload = w.ToArray();

        var result = new byte[HeaderLength + payload.Length];
        Magic.CopyTo(result);
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(12), payload.Length);
        SHA256.HashData(payload, result.AsSpan(20, 32));
        payload.CopyTo(result.AsSpan(HeaderLength));
        return result;
    }

    /// <summary>Loads a model written by <see cref="Write"/>.</summary>
    /// <exception cref="ForecastException">
    /// Not an artifact (magic), an unknown format version, a truncated file, a checksum mismatch, or an inconsistent
    /// section; the message names what is wrong and <see cref="ForecastException.Column"/> the section.
    /// </exception>
    public static TrainedForecaster Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < HeaderLength)
        {
            throw new ForecastException($"Forecaster artifact is truncated: {bytes.Length} bytes, shorter than the {HeaderLength}-byte header.", column: "header");
        }

        if (!bytes.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new ForecastException("Not a forecaster artifact: the file does not start with the magic bytes 'OBRFCST\\0'.", column: "header");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        if (version < OldestReadableVersion || version > FormatVersion)
        {
            throw new ForecastException($"Forecaster artifact format version {version} is not supported (this build reads versions {OldestReadableVersion} to {FormatVersion}).", column: "header");
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        if (length != bytes.Length - HeaderLength)
        {
            throw new ForecastException($"Forecaster artifact is truncated or padded: the header announces {length} payload bytes, the file has {bytes.Length - HeaderLength}.", column: "header");
        }

        var payload = bytes[HeaderLength..];
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(20, 32)))
        {
            throw new ForecastException("Forecaster artifact is corrupt: the payload's SHA-256 does not match the header.", column: "payload");
        }

        var r = new ArtifactReader(payload) { Section = "metadata" };
        var family = r.String();
        var modelVersion = r.String();
        var start = r.Int32();
        var end = r.Int32();
        var horizons = r.Int32s();
        if (horizons.Length == 0 || horizons.Any(h => h < 1) || start > end || start < 0 || end > DateOnly.MaxValue.DayNumber)
        {
            throw r.Corrupt("no horizon, a non-positive horizon, or an empty training window");
        }

        r.Section = "calibration";
        var calibration = new Dictionary<int, IntervalCalibration>();
        var count = r.Count(32, "horizon count");
        for (var i = 0; i < count; i++)
        {
            var h = r.Int32();
            if (!calibration.TryAdd(h, new IntervalCalibration(r.Double(), r.Double(), r.Double(), r.Int32())))
            {
                throw r.Corrupt($"horizon {h} repeated");
            }
        }

        var model = ModelCodec.Read(r, "model");
        r.Section = "backtest";
        var backtest = ArtifactJson.Decompressed<BacktestReport>(r, r.Bytes());
        r.End();
        return new TrainedForecaster
        {
            Family = family,
            Version = modelVersion,
            TrainStart = DateOnly.FromDayNumber(start),
            TrainEnd = DateOnly.FromDayNumber(end),
            Horizons = horizons,
            Model = model,
            Calibration = calibration,
            Backtest = backtest,
        };
    }
}
