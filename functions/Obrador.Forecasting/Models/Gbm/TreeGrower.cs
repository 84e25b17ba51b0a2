namespace Obrador.Forecasting.Models.Gbm;

/// <summary>
/// Grows one regression tree best-first on binned features from gradients and hessians (second-order boosting,
/// Chen &amp; Guestrin 2016, "XGBoost", KDD, eq. 6–7: leaf weight −G/(H+λ), split gain
/// G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)); histograms per node, the larger child's by subtraction from its parent
/// (Ke et al. 2017, "LightGBM", §2). Rows whose feature is missing (bin 0) go to the side that gains more, learned per
/// split by scanning the value bins twice, once with the missing rows on the left and once on the right (Chen &amp;
/// Guestrin 2016, §3.4, Algorithm 3, "sparsity-aware split finding"); when a node saw no missing value of the feature,
/// a later missing value follows the child with more training rows. Histogram sums use a fixed 4-way partition of rows, so results do not depend on
/// the machine's core count.
/// </summary>
internal sealed class TreeGrower
{
    private const int Bins = 256;
    private const int Chunks = 4;
    private readonly byte[] bins;
    private readonly int features;
    private readonly int[] binCounts;
    private readonly GbmOptions options;
    private readonly Stack<double[]> pool = new();

    public TreeGrower(byte[] bins, int features, int[] binCounts, GbmOptions options)
    {
        this.bins = bins;
        this.features = features;
        this.binCounts = binCounts;
        this.options = options;
    }

    /// <summary>
    /// Grows a tree on rows <paramref name="index"/> (reordered in place) and adds its leaf values to <paramref name="prediction"/>.
    /// When <paramref name="leafValue"/> is given, each final leaf's value is replaced by its result on the leaf's rows
    /// (index[start..end), called before <paramref name="prediction"/> is updated) × learning rate.
    /// </summary>
    public RegressionTree Grow(int[] index, double[] grad, double[] hess, bool[] allowed, double[] prediction, Func<int[], int, int, double>? leafValue = null)
    {
        var feature = new List<int>();
        var splitBin = new List<byte>();
        var missingLeft = new List<bool>();
        var left = new List<int>();
        var right = new List<int>();
        var value = new List<double>();
        var gain = new List<double>();
        int AddNode(double v)
        {
            feature.Add(-1);
            splitBin.Add(0);
            missingLeft.Add(true);
            left.Add(-1);
            right.Add(-1);
            value.Add(v);
            gain.Add(0);
            return feature.Count - 1;
        }

        var rootHist = Rent();
        BuildHistogram(index, 0, index.Length, grad, hess, rootHist);
        var root = MakeLeaf(rootHist, 0, index.Length, 0, allowed);
        root.Node = AddNode(root.Value);
        var leaves = new List<Leaf> { root };
        while (leaves.Count < options.MaxLeaves)
        {
            Leaf? best = null;
            foreach (var l in leaves)
            {
                if (l.Split.Gain > 1e-12 && l.Depth < options.MaxDepth && (best is null || l.Split.Gain > best.Split.Gain))
                {
                    best = l;
                }
            }

            if (best is null)
            {
                break;
            }

            var s = best.Split;
            var mid = Partition(index, best.Start, best.End, s.Feature, s.Bin, s.MissingLeft);
            var leftSmaller = mid - best.Start <= best.End - mid;
            var small = Rent();
            if (leftSmaller)
            {
                BuildHistogram(index, best.Start, mid, grad, hess, small);
            }
            else
            {
                BuildHistogram(index, mid, best.End, grad, hess, small);
            }

            var large = best.Histogram!;
            for (var i = 0; i < large.Length; i++)
            {
                large[i] -= small[i];
            }

            best.Histogram = null;
            var l1 = MakeLeaf(leftSmaller ? small : large, best.Start, mid, best.Depth + 1, allowed);
            var r1 = MakeLeaf(leftSmaller ? large : small, mid, best.End, best.Depth + 1, allowed);
            l1.Node = AddNode(l1.Value);
            r1.Node = AddNode(r1.Value);
            feature[best.Node] = s.Feature;
            splitBin[best.Node] = (byte)s.Bin;
            missingLeft[best.Node] = s.MissingLeft;
            left[best.Node] = l1.Node;
            right[best.Node] = r1.Node;
            gain[best.Node] = s.Gain;
            leaves.Remove(best);
            leaves.Add(l1);
            leaves.Add(r1);
        }

        if (leafValue is not null)
        {
            foreach (var l in leaves)
            {
                value[l.Node] = leafValue(index, l.Start, l.End) * options.LearningRate;
            }
        }

        foreach (var l in leaves)
        {
            var v = value[l.Node];
            for (var i = l.Start; i < l.End; i++)
            {
                prediction[index[i]] += v;
            }

            if (l.Histogram is not null)
            {
                pool.Push(l.Histogram);
            }
        }

        return new RegressionTree
        {
            Feature = [.. feature],
            SplitBin = [.. splitBin],
            Threshold = new float[feature.Count],
            MissingLeft = [.. missingLeft],
            Left = [.. left],
            Right = [.. right],
            Value = [.. value],
            Gain = [.. gain],
        };
    }

    private double[] Rent()
    {
        if (pool.TryPop(out var h))
        {
            Array.Clear(h);
            return h;
        }

        return new double[features * Bins * 3];
    }

    private void BuildHistogram(int[] index, int start, int end, double[] grad, double[] hess, double[] hist)
    {
        var count = end - start;
        if (count < 4096)
        {
            Accumulate(index, start, end, grad, hess, hist);
            return;
        }

        var parts = new double[Chunks][];
        Parallel.For(0, Chunks, c =>
        {
            var part = new double[hist.Length];
            Accumulate(index, start + (int)((long)count * c / Chunks), start + (int)((long)count * (c + 1) / Chunks), grad, hess, part);
            parts[c] = part;
        });
        foreach (var part in parts)
        {
            for (var i = 0; i < hist.Length; i++)
            {
                hist[i] += part[i];
            }
        }
    }

    private void Accumulate(int[] index, int start, int end, double[] grad, double[] hess, double[] hist)
    {
        var f = features;
        for (var i = start; i < end; i++)
        {
            var row = index[i];
            var g = grad[row];
            var h = hess[row];
            var offset = (long)row * f;
            for (var j = 0; j < f; j++)
            {
                var o = ((j * Bins) + bins[offset + j]) * 3;
                hist[o] += g;
                hist[o + 1] += h;
                hist[o + 2] += 1;
            }
        }
    }

    private Leaf MakeLeaf(double[] hist, int start, int end, int depth, bool[] allowed)
    {
        // Totals from feature 0's histogram (every row falls in exactly one bin of every feature).
        double g = 0, h = 0, c = 0;
        for (var b = 0; b < Bins; b++)
        {
            g += hist[b * 3];
            h += hist[(b * 3) + 1];
            c += hist[(b * 3) + 2];
        }

        var lambda = options.L2;
        var leaf = new Leaf
        {
            Histogram = hist,
            Start = start,
            End = end,
            Depth = depth,
            Value = -g / (h + lambda) * options.LearningRate,
        };
        var parentScore = g * g / (h + lambda);
        var best = new SplitCandidate(-1, 0, 0, true);
        for (var f = 0; f < features; f++)
        {
            if (!allowed[f])
            {
                continue;
            }

            var baseOffset = f * Bins * 3;
            var missingCount = hist[baseOffset + 2];

            // Missing rows on the left: left = bins 0..b (b = 0 isolates the missing rows).
            ScanValueBins(hist, f, 0, g, h, c, parentScore, true, missingCount == 0, ref best);
            if (missingCount > 0)
            {
                // Missing rows on the right: left = value bins 1..b.
                ScanValueBins(hist, f, 1, g, h, c, parentScore, false, false, ref best);
            }
        }

        leaf.Split = best;
        return leaf;
    }

    /// <summary>
    /// Scores the splits "bins <paramref name="first"/>..b left, the rest right" of feature <paramref name="f"/>; bin 0
    /// (missing) is on the left when <paramref name="first"/> is 0, on the right otherwise. With
    /// <paramref name="noMissing"/> the node saw no missing value and the direction is set to the larger child.
    /// </summary>
    private void ScanValueBins(double[] hist, int f, int first, double g, double h, double c, double parentScore, bool missingLeft, bool noMissing, ref SplitCandidate best)
    {
        var lambda = options.L2;
        var baseOffset = f * Bins * 3;
        double gl = 0, hl = 0, cl = 0;
        for (var b = first; b < binCounts[f] - 1; b++)
        {
            var o = baseOffset + (b * 3);
            gl += hist[o];
            hl += hist[o + 1];
            cl += hist[o + 2];
            if (cl < options.MinSamplesLeaf || hl < options.MinChildWeight)
            {
                continue;
            }

            var cr = c - cl;
            var hr = h - hl;
            if (cr < options.MinSamplesLeaf || hr < options.MinChildWeight)
            {
                break;
            }

            var gr = g - gl;
            var gain = (gl * gl / (hl + lambda)) + (gr * gr / (hr + lambda)) - parentScore;
            if (gain > best.Gain)
            {
                best = new SplitCandidate(f, b, gain, noMissing ? cl >= cr : missingLeft);
            }
        }
    }

    private int Partition(int[] index, int start, int end, int feature, int bin, bool missingLeft)
    {
        // Stable two-way partition through a buffer keeps row order, hence deterministic sums.
        var buffer = new int[end - start];
        int lo = start, hi = 0;
        for (var i = start; i < end; i++)
        {
            var row = index[i];
            var b = bins[((long)row * features) + feature];
            if (b == 0 ? missingLeft : b <= bin)
            {
                index[lo++] = row;
            }
            else
            {
                buffer[hi++] = row;
            }
        }

        Array.Copy(buffer, 0, index, lo, hi);
        return lo;
    }

    private readonly record struct SplitCandidate(int Feature, int Bin, double Gain, bool MissingLeft);

    private sealed class Leaf
    {
        public double[]? Histogram { get; set; }

        public int Start { get; init; }

        public int End { get; init; }

        public int Depth { get; init; }

        public double Value { get; init; }

        public int Node { get; set; }

        public SplitCandidate Split { get; set; }
    }
}
