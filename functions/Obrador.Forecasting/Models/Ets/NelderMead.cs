namespace Obrador.Forecasting.Models.Ets;

/// <summary>
/// Derivative-free minimiser (Nelder &amp; Mead 1965, "A simplex method for function minimization", Comput. J. 7(4)),
/// standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½. Deterministic.
/// </summary>
internal static class NelderMead
{
    public static (double[] X, double F) Minimize(Func<double[], double> f, double[] start, double step, int maxEvaluations, double tolerance)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        values[0] = f(simplex[0]);
        for (var i = 0; i < n; i++)
        {
            var p = (double[])start.Clone();
            p[i] += step;
            simplex[i + 1] = p;
            values[i + 1] = f(p);
        }

        var evals = n + 1;
        var centroid = new double[n];
        var trial = new double[n];
        var trial2 = new double[n];
        var order = new int[n + 1];
        while (evals < maxEvaluations)
        {
            for (var i = 0; i <= n; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => values[a].CompareTo(values[b]));
            int best = order[0], worst = order[n], second = order[n - 1];
            if (Math.Abs(values[worst] - values[best]) <= tolerance * (Math.Abs(values[best]) + 1e-12))
            {
                break;
            }

            Array.Clear(centroid);
            for (var i = 0; i <= n; i++)
            {
                if (i == worst)
                {
                    continue;
                }

                for (var j = 0; j < n; j++)
                {
                    centroid[j] += simplex[i][j] / n;
                }
            }

            for (var j = 0; j < n; j++)
            {
                trial[j] = centroid[j] + (centroid[j] - simplex[worst][j]);
            }

            var fr = f(trial);
            evals++;
            if (fr < values[best])
            {
                for (var j = 0; j < n; j++)
                {
                    trial2[j] = centroid[j] + (2 * (centroid[j] - simplex[worst][j]));
                }

                var fe = f(trial2);
                evals++;
                Replace(simplex, values, worst, fe < fr ? trial2 : trial, Math.Min(fe, fr));
            }
            else if (fr < values[second])
            {
                Replace(simplex, values, worst, trial, fr);
            }
            else
            {
                var outside = fr < values[worst];
                for (var j = 0; j < n; j++)
                {
                    trial2[j] = outside
                        ? centroid[j] + (0.5 * (trial[j] - centroid[j]))
                        : centroid[j] + (0.5 * (simplex[worst][j] - centroid[j]));
                }

                var fc = f(trial2);
                evals++;
                if (fc < Math.Min(fr, values[worst]))
                {
                    Replace(simplex, values, worst, trial2, fc);
                }
                else
                {
                    for (var i = 0; i <= n; i++)
                    {
                        if (i == best)
                        {
                            continue;
                        }

                        for (var j = 0; j < n; j++)
                        {
                            simplex[i][j] = simplex[best][j] + (0.5 * (simplex[i][j] - simplex[best][j]));
                        }

                        values[i] = f(simplex[i]);
                        evals++;
                    }
                }
            }
        }

        var arg = 0;
        for (var i = 1; i <= n; i++)
        {
            if (values[i] < values[arg])
            {
                arg = i;
            }
        }

        return (simplex[arg], values[arg]);
    }

    private static void Replace(double[][] simplex, double[] values, int index, double[] point, double value)
    {
        Array.Copy(point, simplex[index], point.Length);
        values[index] = value;
    }
}
