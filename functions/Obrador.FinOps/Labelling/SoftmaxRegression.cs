namespace Obrador.FinOps.Labelling;

/// <summary>
/// Multinomial logistic regression on sparse inputs: p(k | x) = softmax(W x + b)_k, trained by minimising the
/// L2-penalised cross-entropy with per-example stochastic gradient and AdaGrad step sizes (Duchi, Hazan, Singer 2011:
/// η_t,j = η / √(Σ g²)). The gradient of the cross-entropy for class k is (p_k − 1[k = y]) x (Bishop 2006, Eq. 4.109).
/// The L2 penalty is applied lazily to the touched weights only, and classes whose gradient factor |p_k − y_k| is
/// below 1e-4 are skipped for that example. Seeded example order; deterministic.
/// </summary>
internal sealed class SoftmaxRegression
{
    private readonly double[] weights;
    private readonly double[] bias;

    private SoftmaxRegression(int classes, int dimension)
    {
        Classes = classes;
        Dimension = dimension;
        weights = new double[classes * dimension];
        bias = new double[classes];
    }

    public int Classes { get; }

    public int Dimension { get; }

    public static SoftmaxRegression Train(IReadOnlyList<SparseVector> x, int[] y, int classes, int dimension, LabellingOptions o)
    {
        var model = new SoftmaxRegression(classes, dimension);
        var g2w = new double[classes * dimension];
        var g2b = new double[classes];
        var order = Enumerable.Range(0, x.Count).ToArray();
        var random = new Random(o.Seed);
        var p = new double[classes];
        for (var epoch = 0; epoch < o.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var v = x[i];
                model.Logits(v, p);
                Softmax(p, 1.0);
                for (var k = 0; k < classes; k++)
                {
                    var g = p[k] - (k == y[i] ? 1 : 0);
                    // Classes the model already rules out contribute almost nothing; skipping them makes an epoch
                    // cost O(nnz · classes still in play) instead of O(nnz · all classes).
                    if (Math.Abs(g) < 1e-4)
                    {
                        continue;
                    }

                    var row = k * dimension;
                    for (var j = 0; j < v.Indexes.Length; j++)
                    {
                        var w = row + v.Indexes[j];
                        var grad = (g * v.Values[j]) + (o.L2 * model.weights[w]);
                        g2w[w] += grad * grad;
                        model.weights[w] -= o.LearningRate * grad / Math.Sqrt(g2w[w] + 1e-12);
                    }

                    g2b[k] += g * g;
                    model.bias[k] -= o.LearningRate * g / Math.Sqrt(g2b[k] + 1e-12);
                }
            }
        }

        return model;
    }

    /// <summary>Raw scores W x + b into <paramref name="logits"/> (length = classes).</summary>
    public void Logits(SparseVector x, Span<double> logits)
    {
        for (var k = 0; k < Classes; k++)
        {
            var row = k * Dimension;
            var s = bias[k];
            for (var j = 0; j < x.Indexes.Length; j++)
            {
                s += weights[row + x.Indexes[j]] * x.Values[j];
            }

            logits[k] = s;
        }
    }

    /// <summary>In-place softmax of logits / temperature (max-shifted for stability).</summary>
    public static void Softmax(Span<double> z, double temperature)
    {
        var max = double.MinValue;
        foreach (var v in z)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        for (var k = 0; k < z.Length; k++)
        {
            z[k] = Math.Exp((z[k] - max) / temperature);
            sum += z[k];
        }

        for (var k = 0; k < z.Length; k++)
        {
            z[k] /= sum;
        }
    }
}
