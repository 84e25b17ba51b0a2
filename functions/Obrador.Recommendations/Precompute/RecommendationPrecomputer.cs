using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Precompute;

/// <summary>
/// The batch stages behind the serving tables: top-N per active user (<c>Recommendations</c>), top-N similar per
/// item (<c>SimilarItems</c>, collaborative with a content fallback) and trending per window and category
/// (<c>Trending</c>). Each method is deterministic for a given matrix and models, and runs in parallel.
/// </summary>
public static class RecommendationPrecomputer
{
    /// <summary>Users with an event in the last <paramref name="days"/> days before the matrix reference time.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> not positive.</exception>
    public static IReadOnlyList<string> ActiveUsers(InteractionMatrix data, double days)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(days > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "Must be > 0.");
        }

        var result = new List<string>();
        for (var u = 0; u < data.UserCount; u++)
        {
            foreach (var age in data.LastEventAgeDays.RowValues(u))
            {
                if (age <= days)
                {
                    result.Add(data.Users[u]);
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>Top-N per user with the engine's model and rules (seen items removed, unavailable items removed).</summary>
    /// <param name="engine">Engine over a fitted model.</param>
    /// <param name="data">The matrix the model was fitted on.</param>
    /// <param name="users">User ids to compute; ids unknown to the matrix are skipped (the serving fallback covers them).</param>
    /// <param name="n">List length, 1..100.</param>
    /// <returns>One list per known user, in the order given, <see cref="Sources.Personalized"/>.</returns>
    public static IReadOnlyList<ItemList> TopNPerUser(RecommendationEngine engine, InteractionMatrix data, IEnumerable<string> users, int n)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 100);
        var known = users.Select(data.Users.IndexOf).Where(u => u >= 0).ToArray();
        var lists = engine.RecommendBatch(known, n, out var scores);
        return known.Select((u, m) => new ItemList(
            data.Users[u],
            lists[m].Select((i, r) => new ScoredItem(data.Items[i], scores[m][r])).ToList(),
            Sources.Personalized)).ToList();
    }

    /// <summary>Top-N similar items for every item of the matrix.</summary>
    /// <param name="data">The matrix.</param>
    /// <param name="collaborative">A fitted item-based model (SAR, EASE, hybrid, …): <see cref="IRecommender.ScoreItems"/> of the single item.</param>
    /// <param name="content">A fitted content model used when the collaborative list has fewer than <paramref name="minCollaborative"/> positive scores; may be null.</param>
    /// <param name="n">List length, 1..100.</param>
    /// <param name="isAvailable">Inventory predicate; null = all available.</param>
    /// <param name="minCollaborative">Positive collaborative scores needed to keep the collaborative list; default 1.</param>
    /// <returns>One list per item (items with neither source are left out), ordered by item index.</returns>
    public static IReadOnlyList<ItemList> SimilarPerItem(
        InteractionMatrix data,
        IRecommender collaborative,
        ContentRecommender? content,
        int n,
        Func<string, bool>? isAvailable = null,
        int minCollaborative = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(collaborative);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCollaborative, 1);
        var available = Enumerable.Range(0, data.ItemCount).Select(i => isAvailable?.Invoke(data.Items[i]) ?? true).ToArray();
        var result = new ItemList?[data.ItemCount];
        Parallel.For(
            0,
            data.ItemCount,
            () => new float[data.ItemCount],
            (i, _, scores) =>
            {
                var list = Similar(collaborative, i, scores, available, n);
                var source = Sources.Collaborative;
                if (list.Count < minCollaborative && content is not null)
                {
                    list = Similar(content, i, scores, available, n);
                    source = Sources.Content;
                }

                result[i] = list.Count == 0 ? null : new ItemList(data.Items[i], list.Select(j => new ScoredItem(data.Items[j], scores[j])).ToList(), source);
                return scores;
            },
            _ => { });
        return result.Where(r => r is not null).Select(r => r!).ToList();
    }

    /// <summary>Trending lists per window and category (see <see cref="TrendingCalculator"/>).</summary>
    public static IReadOnlyList<TrendingList> Trending(InteractionMatrix data, Func<string, string?> categoryOf, TrendingOptions? options = null) =>
        TrendingCalculator.Compute(data, categoryOf, options);

    private static List<int> Similar(IRecommender model, int item, float[] scores, bool[] available, int n)
    {
        model.ScoreItems([item], [1f], scores);
        for (var j = 0; j < scores.Length; j++)
        {
            if (j == item || !available[j] || !(scores[j] > 0))
            {
                scores[j] = float.NegativeInfinity;
            }
        }

        var top = new int[n];
        var count = TopK.Select(scores, n, top);
        return top[..count].ToList();
    }
}
