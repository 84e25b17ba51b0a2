using Obrador.Recommendations.Data;
using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Algorithms;

/// <summary>Trending lists per window and category for the <c>Trending</c> table (see <see cref="TrendingRecommender"/> for the score).</summary>
public static class TrendingCalculator
{
    /// <summary>Row key of the list over all categories.</summary>
    public const string AllCategories = "_all";

    /// <summary>Computes one list per (window, category) plus one per window over all categories.</summary>
    /// <param name="data">The interaction matrix (its reference time is "now").</param>
    /// <param name="categoryOf">Category of an item id, or null/empty when unknown (then it is only in <c>_all</c>).</param>
    /// <param name="options">Windows, decay and list length.</param>
    /// <returns>Lists ordered by window then category (ordinal); items with no event in the window are left out.</returns>
    public static IReadOnlyList<TrendingList> Compute(InteractionMatrix data, Func<string, string?> categoryOf, TrendingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(categoryOf);
        options ??= new TrendingOptions();
        options.Validate();
        var categories = new string?[data.ItemCount];
        for (var i = 0; i < categories.Length; i++)
        {
            categories[i] = categoryOf(data.Items[i]);
        }

        var ages = data.LastEventAgeDays.Transpose();
        var result = new List<TrendingList>();
        foreach (var window in options.WindowsDays.Distinct().Order())
        {
            var scores = TrendingRecommender.Compute(data, window, options);
            for (var i = 0; i < scores.Length; i++)
            {
                if (!HasEventWithin(ages.RowValues(i), window))
                {
                    scores[i] = float.NegativeInfinity;
                }
            }

            result.Add(new TrendingList(window, AllCategories, Top(scores, data.Items, options.TopN, _ => true)));
            foreach (var category in categories.Where(c => !string.IsNullOrEmpty(c)).Distinct().Order(StringComparer.Ordinal))
            {
                var items = Top(scores, data.Items, options.TopN, i => categories[i] == category);
                if (items.Count > 0)
                {
                    result.Add(new TrendingList(window, category!, items));
                }
            }
        }

        return result;
    }

    private static bool HasEventWithin(ReadOnlySpan<float> ages, int windowDays)
    {
        foreach (var a in ages)
        {
            if (a <= windowDays)
            {
                return true;
            }
        }

        return false;
    }

    private static List<ScoredItem> Top(float[] scores, IdMap items, int n, Func<int, bool> include)
    {
        var masked = new float[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            masked[i] = include(i) ? scores[i] : float.NegativeInfinity;
        }

        var idx = new int[n];
        var count = TopK.Select(masked, n, idx);
        return idx[..count].Select(i => new ScoredItem(items[i], scores[i])).ToList();
    }
}
