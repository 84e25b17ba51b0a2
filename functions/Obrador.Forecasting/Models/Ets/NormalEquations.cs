namespace Obrador.Forecasting.Models.Ets;

/// <summary>
/// Solves small symmetric positive-definite normal equations (A + λI) u = c in place by Cholesky factorisation
/// (Golub &amp; Van Loan 2013, <i>Matrix Computations</i>, 4th ed., Algorithm 4.2.1). Allocation-free: it runs once per
/// profiled-likelihood evaluation of <see cref="EtsFitter"/>.
/// </summary>
internal static class NormalEquations
{
    /// <summary>
    /// Overwrites the lower triangle of <paramref name="a"/> (k × k row-major; only its upper triangle is read) with the
    /// Cholesky factor, writes the solution to <paramref name="u"/> and returns cᵀu, the reduction of the residual sum
    /// of squares; NaN when A + λI is not numerically positive definite (then <paramref name="u"/> is undefined).
    /// </summary>
    public static double Solve(double[] a, double[] c, int k, double ridge, double[] u)
    {
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(j * k) + i] + (i == j ? ridge : 0);
                for (var p = 0; p < j; p++)
                {
                    sum -= a[(i * k) + p] * a[(j * k) + p];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return double.NaN;
                    }

                    a[(i * k) + i] = Math.Sqrt(sum);
                }
                else
                {
                    a[(i * k) + j] = sum / a[(j * k) + j];
                }
            }
        }

        // L w = c, then Lᵀ u = w.
        for (var i = 0; i < k; i++)
        {
            var sum = c[i];
            for (var p = 0; p < i; p++)
            {
                sum -= a[(i * k) + p] * u[p];
            }

            u[i] = sum / a[(i * k) + i];
        }

        for (var i = k - 1; i >= 0; i--)
        {
            var sum = u[i];
            for (var p = i + 1; p < k; p++)
            {
                sum -= a[(p * k) + i] * u[p];
            }

            u[i] = sum / a[(i * k) + i];
        }

        var reduction = 0.0;
        for (var i = 0; i < k; i++)
        {
            reduction += c[i] * u[i];
        }

        return reduction;
    }
}
