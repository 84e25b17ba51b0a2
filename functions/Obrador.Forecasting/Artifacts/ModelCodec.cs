using Obrador.Forecasting.Models;
using Obrador.Forecasting.Models.Ensemble;
using Obrador.Forecasting.Models.Ets;
using Obrador.Forecasting.Models.EtsSnapshot;
using Obrador.Forecasting.Models.Gbm;
using Obrador.Forecasting.Selection;

namespace Obrador.Forecasting.Artifacts;

/// <summary>
/// A fitted model as a tree of nodes: kind byte, name, then the kind's body; the combination and the per-series
/// champion nest their members. Only the built-in models can be stored (custom models throw).
/// </summary>
internal static class ModelCodec
{
    private const byte SeasonalNaive = 1;
    private const byte MovingAverage = 2;
    private const byte Ets = 3;
    private const byte Gbm = 4;
    private const byte Ensemble = 5;
    private const byte PerSeries = 6;
    private const byte NoForm = 255;

    /// <exception cref="ForecastException">The model (or a member) is not a built-in model.</exception>
    public static void Write(ArtifactWriter w, IFittedModel model)
    {
        switch (model)
        {
            case SeasonalNaiveModel m:
                Head(w, SeasonalNaive, m.Name);
                w.String(ArtifactJson.Serialize(m.Options));
                break;
            case MovingAverageModel m:
                Head(w, MovingAverage, m.Name);
                w.String(ArtifactJson.Serialize(m.Options));
                break;
            case EtsSnapshotModel m:
                Head(w, Ets, m.Name);
                w.String(ArtifactJson.Serialize(m.Options));
                w.Int32(m.SeasonLength);
                var states = m.States.ToList();
                w.Int32(states.Count);
                foreach (var s in states)
                {
                    w.String(s.SeriesId);
                    w.Int32(s.WindowStart.DayNumber);
                    w.Byte(s.Form is { } f ? (byte)f : NoForm);
                    w.Doubles(s.Theta);
                    w.Doubles(s.Offsets);
                }

                break;
            case GbmFittedModel m:
                Head(w, Gbm, m.Name);
                GbmCodec.Write(w, m);
                break;
            case EnsembleFittedModel m:
                Head(w, Ensemble, m.Name);
                w.Bool(m.NonNegative);
                w.Int32(m.Members.Count);
                foreach (var member in m.Members)
                {
                    Write(w, member);
                }

                w.Int32(m.Weights.Count);
                foreach (var (h, weights) in m.Weights.OrderBy(kv => kv.Key))
                {
                    w.Int32(h);
                    w.Doubles(weights);
                }

                break;
            case PerSeriesFittedModel m:
                Head(w, PerSeries, m.Name);
                w.Int32(m.Candidates.Count);
                foreach (var c in m.Candidates)
                {
                    Write(w, c);
                }

                w.Int32s(m.Horizons);
                w.Int32(m.ChampionIndex);
                w.Int32(m.Choice.Count);
                foreach (var (id, choice) in m.Choice.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.String(id);
                    w.Int32s(choice);
                }

                break;
            default:
                throw new ForecastException($"Model '{model.Name}' ({model.GetType().Name}) cannot be stored in a forecaster artifact: only the built-in models can.");
        }
    }

    public static IFittedModel Read(ArtifactReader r, string path)
    {
        r.Section = path;
        var kind = r.Byte();
        var name = r.String();
        r.Section = $"{path} '{name}'";
        switch (kind)
        {
            case SeasonalNaive:
                return new SeasonalNaiveModel(ArtifactJson.Deserialize<SeasonalNaiveOptions>(r, r.String(), o => o.Validate()));
            case MovingAverage:
                return new MovingAverageModel(ArtifactJson.Deserialize<MovingAverageOptions>(r, r.String(), o => o.Validate()));
            case Ets:
                return ReadEts(r, name);
            case Gbm:
                return GbmCodec.Read(r, name);
            case Ensemble:
                return ReadEnsemble(r, name, path);
            case PerSeries:
                return ReadPerSeries(r, name, path);
            default:
                throw r.Corrupt($"unknown model kind {kind}");
        }
    }

    private static void Head(ArtifactWriter w, byte kind, string name)
    {
        w.Byte(kind);
        w.String(name);
    }

    private static EtsSnapshotModel ReadEts(ArtifactReader r, string name)
    {
        var options = ArtifactJson.Deserialize<EtsOptions>(r, r.String(), o => o.Validate());
        var season = r.Int32();
        if (season < 1)
        {
            throw r.Corrupt($"season length {season}");
        }

        var states = new EtsSeriesState[r.Count(10, "series count")];
        for (var i = 0; i < states.Length; i++)
        {
            var id = r.String();
            var start = r.Int32();
            var form = r.Byte();
            if (start < DateOnly.MinValue.DayNumber || start > DateOnly.MaxValue.DayNumber || (form != NoForm && !Enum.IsDefined((EtsForm)form)))
            {
                throw r.Corrupt($"series '{id}' has window start {start} or form {form} out of range");
            }

            states[i] = new EtsSeriesState(id, DateOnly.FromDayNumber(start), form == NoForm ? null : (EtsForm)form, r.Doubles(), r.Doubles());
        }

        return new EtsSnapshotModel(name, options, season, states);
    }

    private static EnsembleFittedModel ReadEnsemble(ArtifactReader r, string name, string path)
    {
        var nonNegative = r.Bool();
        var members = new IFittedModel[r.Count(2, "member count")];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = Read(r, $"{path}/{name}[{i}]");
        }

        r.Section = $"{path} '{name}' weights";
        var weights = new Dictionary<int, IReadOnlyList<double>>();
        var count = r.Count(8, "horizon count");
        for (var i = 0; i < count; i++)
        {
            var h = r.Int32();
            var w = r.Doubles();
            if (w.Length != members.Length || w.Any(x => !double.IsFinite(x) || x < 0) || !weights.TryAdd(h, w))
            {
                throw r.Corrupt($"weights of horizon {h} are not {members.Length} finite non-negative numbers (or repeated)");
            }
        }

        return new EnsembleFittedModel(name, members, weights, nonNegative);
    }

    private static PerSeriesFittedModel ReadPerSeries(ArtifactReader r, string name, string path)
    {
        var candidates = new IFittedModel[r.Count(2, "candidate count")];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = Read(r, $"{path}/{name}[{i}]");
        }

        r.Section = $"{path} '{name}' map";
        var horizons = r.Int32s();
        var champion = r.Int32();
        var choice = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var count = r.Count(8, "series count");
        for (var i = 0; i < count; i++)
        {
            var id = r.String();
            var c = r.Int32s();
            if (c.Length != horizons.Length || c.Any(x => x < 0 || x >= candidates.Length) || !choice.TryAdd(id, c))
            {
                throw r.Corrupt($"series '{id}' maps to candidates outside 0..{candidates.Length - 1} (or is repeated)");
            }
        }

        if (candidates.Length == 0 || champion < 0 || champion >= candidates.Length)
        {
            throw r.Corrupt($"champion index {champion} of {candidates.Length} candidates");
        }

        return new PerSeriesFittedModel(candidates, horizons, choice, champion);
    }
}
