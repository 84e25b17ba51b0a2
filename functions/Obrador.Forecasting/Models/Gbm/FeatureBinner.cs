namespace Obrador.Forecasting.Models.Gbm;

/// <summary>
/// Quantile binning of each feature into at most <c>maxBins</c> bins (Ke et al. 2017, "LightGBM", NeurIPS, §2;
/// the histogram algorithm). Bin 0 holds missing values; bin b ≥ 1 holds values v with
/// <c>edges[b−2] &lt; v ≤ edges[b−1]</c>, the last bin everything above the last edge.
/// </summary>
internal sealed class FeatureBinner
{
    private FeatureBinner(float[][] edges) => Edges = edges;

    /// <summary>Rebuilds a binner from its edges (model artifacts).</summary>
    public static FeatureBinner FromEdges(float[][] edges) => new(edges);

    /// <summary>Upper bin edges per feature, ascending.</summary>
    public float[][] Edges { get; }

    public int FeatureCount => Edges.Length;

    /// <summary>Learns edges from the rows <paramref name="rows"/> of row-major <paramref name="x"/> (n × f), subsampling at most 50 000 rows with a fixed stride.</summary>
    public static FeatureBinner Fit(float[] x, int features, IReadOnlyList<int> rows, int maxBins)
    {
        var stride = Math.Max(1, rows.Count / 50_000);
        var edges = new float[features][];
        Parallel.For(0, features, f =>
        {
            var values = new List<float>(rows.Count / stride);
            for (var i = 0; i < rows.Count; i += stride)
            {
                var v = x[((long)rows[i] * features) + f];
                if (!float.IsNaN(v))
                {
                    values.Add(v);
                }
            }

            values.Sort();
            var distinct = new List<float>();
            foreach (var v in values)
            {
                if (distinct.Count == 0 || distinct[^1] != v)
                {
                    distinct.Add(v);
                }
            }

            // maxBins − 1 value bins (bin 0 is missing); the last bin is open-ended so needs no edge.
            var valueBins = maxBins - 1;
            if (distinct.Count <= valueBins)
            {
                edges[f] = distinct.Count == 0 ? [] : [.. distinct.Take(distinct.Count - 1)];
                return;
            }

            var e = new List<float>();
            for (var k = 1; k < valueBins; k++)
            {
                var q = values[(int)((long)k * values.Count / valueBins)];
                if (e.Count == 0 || q > e[^1])
                {
                    e.Add(q);
                }
            }

            edges[f] = [.. e];
        });
        return new FeatureBinner(edges);
    }

    /// <summary>Bin of value <paramref name="v"/> for feature <paramref name="f"/>.</summary>
    public byte Bin(int f, float v)
    {
        if (float.IsNaN(v))
        {
            return 0;
        }

        var e = Edges[f];
        int lo = 0, hi = e.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (e[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (byte)(lo + 1);
    }

    /// <summary>Bins rows <paramref name="rows"/> of <paramref name="x"/> into a row-major byte matrix (rows.Count × f).</summary>
    public byte[] Transform(float[] x, IReadOnlyList<int> rows)
    {
        var f = FeatureCount;
        var bins = new byte[(long)rows.Count * f];
        Parallel.For(0, rows.Count, i =>
        {
            var src = (long)rows[i] * f;
            var dst = (long)i * f;
            for (var j = 0; j < f; j++)
            {
                bins[dst + j] = Bin(j, x[src + j]);
            }
        });
        return bins;
    }

    /// <summary>Raw threshold of a split that sends bins 0..<paramref name="bin"/> left (NaN for the missing-only bin).</summary>
    public float Threshold(int f, int bin) => bin == 0 ? float.NaN : (bin - 1 < Edges[f].Length ? Edges[f][bin - 1] : float.PositiveInfinity);
}
