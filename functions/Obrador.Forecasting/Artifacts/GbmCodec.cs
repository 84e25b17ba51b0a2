using Obrador.Forecasting.Models.Gbm;

namespace Obrador.Forecasting.Artifacts;

/// <summary>
/// The GBM part of the artifact: options (JSON, they define the feature builder), the feature schema, then per horizon
/// the booster — objective, base score, gains, bin edges and every tree's flat arrays (see <c>docs/forecasting.md</c>).
/// </summary>
internal static class GbmCodec
{
    public static void Write(ArtifactWriter w, GbmFittedModel model)
    {
        w.String(ArtifactJson.Serialize(model.Options));
        w.Int32(model.FeatureNames.Count);
        foreach (var name in model.FeatureNames)
        {
            w.String(name);
        }

        w.Int32(model.Boosters.Count);
        foreach (var (h, booster) in model.Boosters.OrderBy(kv => kv.Key))
        {
            w.Int32(h);
            w.Bool(booster is not null);
            if (booster is null)
            {
                continue;
            }

            w.Byte((byte)booster.Objective);
            w.Double(booster.BaseScore);
            w.Doubles(booster.Gains);
            w.Int32(booster.Binner.Edges.Length);
            foreach (var e in booster.Binner.Edges)
            {
                w.Singles(e);
            }

            w.Int32(booster.Trees.Length);
            foreach (var t in booster.Trees)
            {
                w.Int32s(t.Feature);
                w.Bytes(t.SplitBin);
                w.Singles(t.Threshold);
                w.Bytes([.. t.MissingLeft.Select(m => m ? (byte)1 : (byte)0)]);
                w.Int32s(t.Left);
                w.Int32s(t.Right);
                w.Doubles(t.Value);
                w.Doubles(t.Gain);
            }
        }
    }

    /// <summary>
    /// Options stored by format 2 lack <c>refitMaxHorizon</c>: that model was fitted without the short-horizon refit,
    /// so the loaded options say 0 rather than today's default.
    /// </summary>
    internal static GbmOptions WithV2Defaults(GbmOptions options, string json) =>
        json.Contains("\"refitMaxHorizon\"", StringComparison.Ordinal) ? options : options with { RefitMaxHorizon = 0 };

    /// <summary>
    /// Options stored by formats 2 and 3 lack <c>continueRounds</c>: that model was backtested without continued
    /// boosting, so the loaded options say 0 rather than today's default.
    /// </summary>
    internal static GbmOptions WithV3Defaults(GbmOptions options, string json) =>
        json.Contains("\"continueRounds\"", StringComparison.Ordinal) ? options : options with { ContinueRounds = 0 };

    public static GbmFittedModel Read(ArtifactReader r, string name)
    {
        var section = r.Section;
        var json = r.String();
        var options = WithV3Defaults(WithV2Defaults(ArtifactJson.Deserialize<GbmOptions>(r, json, o => o.Validate()), json), json);
        var names = new string[r.Count(4, "feature count")];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = r.String();
        }

        var boosters = new Dictionary<int, BoostedRegressor?>();
        var horizons = r.Count(5, "horizon count");
        for (var k = 0; k < horizons; k++)
        {
            var h = r.Int32();
            r.Section = $"{section} horizon {h}";
            if (h < 1 || !boosters.TryAdd(h, null))
            {
                throw r.Corrupt("invalid or repeated horizon");
            }

            if (r.Bool())
            {
                boosters[h] = ReadBooster(r, names.Length);
            }
        }

        return new GbmFittedModel(name, names, options, boosters);
    }

    private static BoostedRegressor ReadBooster(ArtifactReader r, int features)
    {
        var objective = r.Byte();
        if (!Enum.IsDefined((GbmObjective)objective))
        {
            throw r.Corrupt($"unknown objective {objective}");
        }

        var baseScore = r.Double();
        var gains = r.Doubles();
        var edges = new float[r.Count(4, "edge list count")][];
        for (var f = 0; f < edges.Length; f++)
        {
            edges[f] = r.Singles();
        }

        if (gains.Length != features || edges.Length != features)
        {
            throw r.Corrupt($"{gains.Length} gains and {edges.Length} edge lists for {features} features");
        }

        var section = r.Section;
        var trees = new RegressionTree[r.Count(24, "tree count")];
        for (var i = 0; i < trees.Length; i++)
        {
            r.Section = $"{section} tree {i}";
            trees[i] = new RegressionTree
            {
                Feature = r.Int32s(),
                SplitBin = r.Bytes(),
                Threshold = r.Singles(),
                MissingLeft = [.. r.Bytes().Select(m => m != 0)],
                Left = r.Int32s(),
                Right = r.Int32s(),
                Value = r.Doubles(),
                Gain = r.Doubles(),
            };
            Check(r, trees[i], features);
        }

        r.Section = section;
        return BoostedRegressor.Restore(FeatureBinner.FromEdges(edges), trees, baseScore, (GbmObjective)objective, gains, features);
    }

    /// <summary>Same-length arrays, features in range, children after their parent (so every path ends at a leaf).</summary>
    private static void Check(ArtifactReader r, RegressionTree t, int features)
    {
        var n = t.Feature.Length;
        if (n == 0 || t.SplitBin.Length != n || t.Threshold.Length != n || t.MissingLeft.Length != n || t.Left.Length != n || t.Right.Length != n || t.Value.Length != n || t.Gain.Length != n)
        {
            throw r.Corrupt("node arrays of different lengths or no node");
        }

        for (var i = 0; i < n; i++)
        {
            if (t.Feature[i] >= features || t.Feature[i] < -1)
            {
                throw r.Corrupt($"node {i} splits on feature {t.Feature[i]} of {features}");
            }

            if (t.Feature[i] >= 0 && (t.Left[i] <= i || t.Left[i] >= n || t.Right[i] <= i || t.Right[i] >= n))
            {
                throw r.Corrupt($"node {i} has children {t.Left[i]}/{t.Right[i]} outside ({i}, {n})");
            }
        }
    }
}
