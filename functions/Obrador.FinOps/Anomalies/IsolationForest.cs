namespace Obrador.FinOps.Anomalies;

/// <summary>
/// Isolation forest (F. T. Liu, K. M. Ting, Z.-H. Zhou, "Isolation Forest", ICDM 2008). Each tree isolates a random
/// sub-sample of ψ points by random axis-aligned splits up to height ⌈log2 ψ⌉ (Algorithm 2); the anomaly score is
/// s(x, ψ) = 2^(−E[h(x)] / c(ψ)) (Equation 2) with c(n) = 2H(n−1) − 2(n−1)/n (Equation 1) and H(i) ≈ ln i + γ.
/// Scores near 1 are anomalies, well below 0.5 normal. Seeded, so the same data and options give the same forest.
/// Immutable after <see cref="Fit"/>; <see cref="Score"/> is thread-safe.
/// </summary>
public sealed class IsolationForest
{
    private const double EulerGamma = 0.5772156649015329;
    private readonly Node[][] trees;
    private readonly double normaliser;

    private IsolationForest(Node[][] trees, int sampleSize)
    {
        this.trees = trees;
        normaliser = AveragePathLength(sampleSize);
    }

    /// <summary>Number of features the forest was trained on.</summary>
    public int FeatureCount { get; private init; }

    /// <summary>Builds a forest over <paramref name="rows"/> (n points × d features, row-major in one array).</summary>
    /// <param name="rows">Feature values, n × <paramref name="featureCount"/>; NaN is not allowed.</param>
    /// <param name="featureCount">d ≥ 1.</param>
    /// <param name="options">Trees, ψ, seed.</param>
    /// <exception cref="ArgumentException">Empty data or a length that is not a multiple of d.</exception>
    public static IsolationForest Fit(ReadOnlySpan<double> rows, int featureCount, IsolationForestOptions? options = null)
    {
        options ??= new IsolationForestOptions();
        options.Validate();
        if (featureCount < 1 || rows.Length == 0 || rows.Length % featureCount != 0)
        {
            throw new ArgumentException("rows must hold n × featureCount values with n ≥ 1", nameof(rows));
        }

        var n = rows.Length / featureCount;
        var psi = Math.Min(options.SampleSize, n);
        var heightLimit = (int)Math.Ceiling(Math.Log2(Math.Max(psi, 2)));
        var random = new Random(options.Seed);
        var data = rows.ToArray();
        var trees = new Node[options.Trees][];
        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            index[i] = i;
        }

        for (var t = 0; t < options.Trees; t++)
        {
            // Partial Fisher–Yates: the first ψ entries become a sample without replacement.
            for (var i = 0; i < psi; i++)
            {
                var j = random.Next(i, n);
                (index[i], index[j]) = (index[j], index[i]);
            }

            var sample = index.AsSpan(0, psi).ToArray();
            var nodes = new List<Node>(2 * psi);
            Grow(data, featureCount, sample, 0, psi, 0, heightLimit, random, nodes);
            trees[t] = nodes.ToArray();
        }

        return new IsolationForest(trees, psi) { FeatureCount = featureCount };
    }

    /// <summary>Anomaly score s(x) ∈ (0, 1] of one point of <see cref="FeatureCount"/> features.</summary>
    /// <exception cref="ArgumentException">Wrong feature count.</exception>
    public double Score(ReadOnlySpan<double> x)
    {
        if (x.Length != FeatureCount)
        {
            throw new ArgumentException($"expected {FeatureCount} features", nameof(x));
        }

        var total = 0.0;
        foreach (var tree in trees)
        {
            total += PathLength(tree, x);
        }

        return Math.Pow(2, -(total / trees.Length) / normaliser);
    }

    /// <summary>c(n): average path length of an unsuccessful BST search over n points (paper, Equation 1).</summary>
    internal static double AveragePathLength(int n) =>
        n > 2 ? (2 * (Math.Log(n - 1) + EulerGamma)) - (2.0 * (n - 1) / n) : n == 2 ? 1 : 0;

    private static double PathLength(Node[] tree, ReadOnlySpan<double> x)
    {
        var i = 0;
        var depth = 0;
        while (tree[i].Feature >= 0)
        {
            i = x[tree[i].Feature] < tree[i].Split ? tree[i].Left : tree[i].Right;
            depth++;
        }

        return depth + AveragePathLength(tree[i].Size);
    }

    private static int Grow(double[] data, int d, int[] idx, int from, int to, int depth, int limit, Random random, List<Node> nodes)
    {
        var me = nodes.Count;
        var size = to - from;
        nodes.Add(new Node { Feature = -1, Size = size });
        if (depth >= limit || size <= 1)
        {
            return me;
        }

        // Pick a feature with spread; a node whose points are all equal is a leaf.
        var feature = -1;
        double lo = 0, hi = 0;
        var start = random.Next(d);
        for (var k = 0; k < d && feature < 0; k++)
        {
            var f = (start + k) % d;
            lo = double.MaxValue;
            hi = double.MinValue;
            for (var i = from; i < to; i++)
            {
                var v = data[(idx[i] * d) + f];
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }

            if (hi > lo)
            {
                feature = f;
            }
        }

        if (feature < 0)
        {
            return me;
        }

        var split = lo + (random.NextDouble() * (hi - lo));
        var mid = from;
        for (var i = from; i < to; i++)
        {
            if (data[(idx[i] * d) + feature] < split)
            {
                (idx[i], idx[mid]) = (idx[mid], idx[i]);
                mid++;
            }
        }

        var left = Grow(data, d, idx, from, mid, depth + 1, limit, random, nodes);
        var right = Grow(data, d, idx, mid, to, depth + 1, limit, random, nodes);
        nodes[me] = new Node { Feature = feature, Split = split, Left = left, Right = right, Size = size };
        return me;
    }

    private struct Node
    {
        public int Feature;
        public double Split;
        public int Left;
        public int Right;
        public int Size;
    }
}
