namespace Obrador.Forecasting.Models.Gbm;

/// <summary>
/// Weighted median: the smallest value v with Σ_{xᵢ ≤ v} wᵢ ≥ ½ Σ wᵢ (the lower weighted median; a minimiser of
/// Σ wᵢ |xᵢ − v|, Friedman 2001, Algorithm 3, line 5). Used for the leaves of <see cref="GbmObjective.AbsoluteError"/>.
/// Found by weighted quickselect (Hoare 1961, "Algorithm 65: Find", CACM 4(7), with a three-way partition and a
/// median-of-three pivot): expected O(n), deterministic.
/// </summary>
internal static class WeightedMedian
{
    /// <summary>Weighted median of <paramref name="values"/> (reordered in place together with <paramref name="weights"/>); 0 when empty or all weights are 0.</summary>
    public static double Of(Span<double> values, Span<double> weights)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        double total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        if (!(total > 0))
        {
            return 0;
        }

        // Cumulative weight strictly below the current window [lo, hi].
        var target = total / 2 * (1 - 1e-12);
        double below = 0;
        int lo = 0, hi = values.Length - 1;
        while (true)
        {
            var pivot = MedianOfThree(values[lo], values[lo + ((hi - lo) / 2)], values[hi]);

            // Three-way partition: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
            {
                if (values[i] < pivot)
                {
                    Swap(values, weights, lt++, i++);
                }
                else if (values[i] > pivot)
                {
                    Swap(values, weights, i, gt--);
                }
                else
                {
                    i++;
                }
            }

            double left = 0, equal = 0;
            for (var k = lo; k < lt; k++)
            {
                left += weights[k];
            }

            for (var k = lt; k <= gt; k++)
            {
                equal += weights[k];
            }

            if (below + left >= target && lt > lo)
            {
                hi = lt - 1;
            }
            else if (below + left + equal >= target || gt >= hi)
            {
                return pivot;
            }
            else
            {
                below += left + equal;
                lo = gt + 1;
            }
        }
    }

    private static double MedianOfThree(double a, double b, double c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    private static void Swap(Span<double> values, Span<double> weights, int a, int b)
    {
        (values[a], values[b]) = (values[b], values[a]);
        (weights[a], weights[b]) = (weights[b], weights[a]);
    }
}
