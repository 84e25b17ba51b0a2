using MathNet.Numerics.Optimization;

namespace Obrador.FinOps.Labelling;

/// <summary>
/// Temperature scaling (Guo, Pleiss, Sun, Weinberger, "On Calibration of Modern Neural Networks", ICML 2017, §4.2):
/// one scalar T &gt; 0 dividing the logits, chosen to minimise the negative log-likelihood on held-out examples.
/// Searched over ln T ∈ [−3, 3] with MathNet's golden-section minimiser. It does not change the arg-max, only the confidence.
/// </summary>
internal static class TemperatureScaling
{
    public static double Fit(IReadOnlyList<double[]> logits, IReadOnlyList<int> labels)
    {
        if (logits.Count == 0)
        {
            return 1.0;
        }

        double Nll(double logT)
        {
            var t = Math.Exp(logT);
            var total = 0.0;
            var buffer = new double[logits[0].Length];
            for (var i = 0; i < logits.Count; i++)
            {
                logits[i].CopyTo(buffer, 0);
                SoftmaxRegression.Softmax(buffer, t);
                total -= Math.Log(Math.Max(buffer[labels[i]], 1e-12));
            }

            return total;
        }

        var result = GoldenSectionMinimizer.Minimum(ObjectiveFunction.ScalarValue(Nll), -3, 3, 1e-4, 200);
        return Math.Exp(result.MinimizingPoint);
    }
}
