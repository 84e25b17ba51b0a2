namespace Obrador.Recommendations.Evaluation;

/// <summary>MAP@k, NDCG@k, Precision@k and Recall@k with Microsoft Recommenders' definitions.</summary>
/// <remarks>
/// <c>recommenders/evaluation/python_evaluation.py</c> (binary relevance): for a user with relevant set R (|R| &gt; 0)
/// and ranked list L cut at k, with hits at 1-based ranks r_1 &lt; r_2 &lt; …:
/// precision = hits/k; recall = hits/|R|; NDCG = Σ_hits 1/log(1+r) ÷ Σ_{i=1..min(|R|,k)} 1/log(1+i);
/// MAP@k = (Σ_m m/r_m) ÷ min(|R|, k). Each is averaged over users with |R| &gt; 0. Differences from the library,
/// on purpose: a user with relevant items but an empty list counts as 0 instead of being dropped (so a model that
/// cannot answer is not rewarded), and rank ties are resolved before this point by the ranker (lower item index
/// first), so the list order given here is final. Users with no relevant item are skipped (the library drops them
/// too, as they are absent from the ground truth).
/// </remarks>
public static class RankingMetrics
{
    /// <summary>Computes the four metrics.</summary>
    /// <param name="users">Per user: the recommended items best first, and the relevant items.</param>
    /// <param name="k">Cut-off, ≥ 1.</param>
    /// <returns>The averages; all zero with <c>Users = 0</c> when no user has a relevant item.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> &lt; 1.</exception>
    public static RankingMetricValues Compute<T>(IEnumerable<(IReadOnlyList<T> Recommended, IReadOnlySet<T> Relevant)> users, int k)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        double map = 0, ndcg = 0, precision = 0, recall = 0;
        var n = 0;
        foreach (var (recommended, relevant) in users)
        {
            if (relevant.Count == 0)
            {
                continue;
            }

            n++;
            var hits = 0;
            double dcg = 0, ap = 0;
            var seen = new HashSet<T>();
            for (var r = 1; r <= Math.Min(k, recommended.Count); r++)
            {
                var item = recommended[r - 1];
                if (!seen.Add(item) || !relevant.Contains(item))
                {
                    continue;
                }

                hits++;
                dcg += 1.0 / Math.Log(1.0 + r);
                ap += (double)hits / r;
            }

            double idcg = 0;
            for (var i = 1; i <= Math.Min(relevant.Count, k); i++)
            {
                idcg += 1.0 / Math.Log(1.0 + i);
            }

            precision += (double)hits / k;
            recall += (double)hits / relevant.Count;
            ndcg += dcg / idcg;
            map += ap / Math.Min(relevant.Count, k);
        }

        return n == 0
            ? new RankingMetricValues(k, 0, 0, 0, 0, 0)
            : new RankingMetricValues(k, map / n, ndcg / n, precision / n, recall / n, n);
    }
}
