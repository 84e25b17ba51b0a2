namespace Obrador.Forecasting.Models.Gbm;

/// <summary>
/// Gradient-boosted regression trees on histogram-binned features (Friedman 2001, "Greedy function approximation: a
/// gradient boosting machine", Ann. Stat. 29(5); second-order leaves as in XGBoost, or weighted-median leaves for
/// <see cref="GbmObjective.AbsoluteError"/> as in its LAD-TreeBoost, Algorithm 3; histograms as in LightGBM),
/// with early stopping on a held-out, time-ordered validation set. Immutable after <see cref="Fit"/>; thread-safe.
/// </summary>
internal sealed class BoostedRegressor
{
    private BoostedRegressor(FeatureBinner binner, RegressionTree[] trees, double baseScore, GbmObjective objective, double[] gains, int features)
    {
        Binner = binner;
        Trees = trees;
        BaseScore = baseScore;
        Objective = objective;
        Gains = gains;
        FeatureCount = features;
    }

    public FeatureBinner Binner { get; }

    /// <summary>Rebuilds a fitted booster from its parts (model artifacts); the caller validates them.</summary>
    public static BoostedRegressor Restore(FeatureBinner binner, RegressionTree[] trees, double baseScore, GbmObjective objective, double[] gains, int features) =>
        new(binner, trees, baseScore, objective, gains, features);

    public RegressionTree[] Trees { get; }

    public double BaseScore { get; }

    public GbmObjective Objective { get; }

    /// <summary>Summed split gain per feature.</summary>
    public double[] Gains { get; }

    public int FeatureCount { get; }

    /// <summary>Fits on rows <paramref name="train"/> of row-major <paramref name="x"/>, early-stopping on <paramref name="valid"/> (may be empty).</summary>
    public static BoostedRegressor Fit(float[] x, int features, double[] y, double[] w, int[] train, int[] valid, GbmOptions options, CancellationToken ct) =>
        Boost(x, features, y, w, train, valid, options, null, options.MaxIterations, ct);

    /// <summary>
    /// Continued boosting (warm start): keeps this booster's base score, bins and trees and adds
    /// <paramref name="rounds"/> trees fitted to the gradients of its current predictions on <paramref name="rows"/>, with
    /// the tree settings and learning rate of <paramref name="options"/> and no early stopping — LightGBM's
    /// <c>init_model</c> / XGBoost's <c>xgb_model</c>; valid because boosting is stagewise additive (Friedman 2001, §3).
    /// </summary>
    public BoostedRegressor Continue(float[] x, int features, double[] y, double[] w, int[] rows, int rounds, GbmOptions options, CancellationToken ct) =>
        rounds <= 0 || rows.Length == 0 ? this : Boost(x, features, y, w, rows, [], options, this, rounds, ct);

    private static BoostedRegressor Boost(float[] x, int features, double[] y, double[] w, int[] train, int[] valid, GbmOptions options, BoostedRegressor? init, int maxRounds, CancellationToken ct)
    {
        var binner = init?.Binner ?? FeatureBinner.Fit(x, features, train, options.MaxBins);
        var binCounts = binner.Edges.Select(e => e.Length + 2).ToArray();
        var trainBins = binner.Transform(x, train);
        var validBins = binner.Transform(x, valid);
        var n = train.Length;
        var yt = train.Select(i => y[i]).ToArray();
        var wt = train.Select(i => w[i]).ToArray();
        double sw = 0, swy = 0;
        for (var i = 0; i < n; i++)
        {
            sw += wt[i];
            swy += wt[i] * yt[i];
        }

        var mean = sw > 0 ? swy / sw : 0;
        var poisson = options.Objective == GbmObjective.Poisson;
        var absolute = options.Objective == GbmObjective.AbsoluteError;
        var baseScore = init?.BaseScore ?? (poisson ? Math.Log(Math.Max(mean, 1e-6)) : absolute ? WeightedMedian.Of(yt.ToArray(), wt.ToArray()) : mean);
        var margin = Enumerable.Repeat(baseScore, n).ToArray();
        var validMargin = Enumerable.Repeat(baseScore, valid.Length).ToArray();
        if (init is not null)
        {
            Parallel.For(0, n, i =>
            {
                var row = trainBins.AsSpan(i * features, features);
                foreach (var t in init.Trees)
                {
                    margin[i] += t.PredictBinned(row);
                }
            });
        }

        var grad = new double[n];
        var hess = new double[n];
        var index = new int[n];
        var grower = new TreeGrower(trainBins, features, binCounts, options);
        var rng = new Random(options.Seed + (init?.Trees.Length ?? 0));
        var allowed = new bool[features];
        var trees = new List<RegressionTree>(init?.Trees ?? []);
        Func<int[], int, int, double>? leafValue = null;
        if (absolute)
        {
            // LAD-TreeBoost leaves: weighted median of the current residuals of the leaf's rows.
            var residual = new double[n];
            var weight = new double[n];
            leafValue = (rows, start, end) =>
            {
                var k = end - start;
                for (var j = 0; j < k; j++)
                {
                    var i = rows[start + j];
                    residual[j] = yt[i] - margin[i];
                    weight[j] = wt[i];
                }

                return WeightedMedian.Of(residual.AsSpan(0, k), weight.AsSpan(0, k));
            };
        }

        var bestLoss = double.PositiveInfinity;
        var bestCount = trees.Count;
        for (var iter = 0; iter < maxRounds; iter++)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < n; i++)
            {
                if (poisson)
                {
                    var mu = Math.Exp(margin[i]);
                    grad[i] = wt[i] * (mu - yt[i]);
                    hess[i] = wt[i] * mu * Math.Exp(0.7);
                }
                else if (absolute)
                {
                    grad[i] = wt[i] * Math.Sign(margin[i] - yt[i]);
                    hess[i] = wt[i];
                }
                else
                {
                    grad[i] = wt[i] * (margin[i] - yt[i]);
                    hess[i] = wt[i];
                }

                index[i] = i;
            }

            var any = false;
            for (var f = 0; f < features; f++)
            {
                allowed[f] = options.FeatureFraction >= 1 || rng.NextDouble() < options.FeatureFraction;
                any |= allowed[f];
            }

            if (!any)
            {
                allowed[rng.Next(features)] = true;
            }

            var tree = grower.Grow(index, grad, hess, allowed, margin, leafValue);
            for (var node = 0; node < tree.Feature.Length; node++)
            {
                if (tree.Feature[node] >= 0)
                {
                    tree.Threshold[node] = binner.Threshold(tree.Feature[node], tree.SplitBin[node]);
                }
            }

            trees.Add(tree);
            if (valid.Length == 0)
            {
                bestCount = trees.Count;
                continue;
            }

            double loss = 0, lw = 0;
            for (var i = 0; i < valid.Length; i++)
            {
                validMargin[i] += tree.PredictBinned(validBins.AsSpan(i * features, features));
                var yi = y[valid[i]];
                var wi = w[valid[i]];
                var e = validMargin[i] - yi;
                loss += wi * (poisson ? Math.Exp(validMargin[i]) - (yi * validMargin[i]) : absolute ? Math.Abs(e) : e * e);
                lw += wi;
            }

            loss /= Math.Max(lw, 1e-12);
            if (double.IsPositiveInfinity(bestLoss) || loss < bestLoss - (1e-12 * Math.Abs(bestLoss)))
            {
                bestLoss = loss;
                bestCount = trees.Count;
            }
            else if (trees.Count - bestCount >= options.EarlyStoppingRounds)
            {
                break;
            }
        }

        var kept = trees.Take(bestCount).ToArray();
        var gains = new double[features];
        foreach (var t in kept)
        {
            for (var node = 0; node < t.Feature.Length; node++)
            {
                if (t.Feature[node] >= 0)
                {
                    gains[t.Feature[node]] += t.Gain[node];
                }
            }
        }

        return new BoostedRegressor(binner, kept, baseScore, options.Objective, gains, features);
    }

    /// <summary>Prediction in the target's space (e^margin for Poisson).</summary>
    public double Predict(ReadOnlySpan<float> row)
    {
        var m = BaseScore;
        foreach (var t in Trees)
        {
            m += t.Predict(row);
        }

        return Objective == GbmObjective.Poisson ? Math.Exp(m) : m;
    }

    /// <summary>Per-feature path attributions in margin space (target units for L2, log units for Poisson).</summary>
    public double[] Contributions(ReadOnlySpan<float> row)
    {
        var c = new double[FeatureCount];
        foreach (var t in Trees)
        {
            t.Contributions(row, c);
        }

        return c;
    }
}
