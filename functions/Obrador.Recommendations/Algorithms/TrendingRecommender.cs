using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Algorithms;

/// <summary>Trending items: distinct users in a recent window, each counted with an exponential time decay.</summary>
/// <remarks>
/// score(i) = Σ_u [age_ui ≤ W] · 2^(−age_ui / (f·W)) + ε · pop(i)/max pop, where age_ui is the age in days of the
/// latest (u, i) event at the matrix reference time (exponentially decayed counts, as in Microsoft Recommenders' SAR
/// time decay). Counting users rather than events keeps one heavy buyer from making an item "trend".
/// </remarks>
public sealed class TrendingRecommender : IRecommender
{
    private readonly TrendingOptions _options;
    private float[] _scores = [];

    /// <summary>Creates the recommender.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public TrendingRecommender(TrendingOptions? options = null)
    {
        _options = options ?? new TrendingOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "trending";

    /// <inheritdoc />
    public bool HandlesColdUsers => true;

    /// <inheritdoc />
    public void Fit(InteractionMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _scores = Compute(data, _options.RecommenderWindowDays, _options);
    }

    /// <inheritdoc />
    public void ScoreUser(int user, Span<float> scores) => _scores.CopyTo(scores);

    /// <inheritdoc />
    public void ScoreItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores) => _scores.CopyTo(scores);

    /// <summary>Trending scores of every item for one window.</summary>
    internal static float[] Compute(InteractionMatrix data, int windowDays, TrendingOptions options)
    {
        var ages = data.LastEventAgeDays.Transpose();
        var halfLife = windowDays * options.HalfLifeFraction;
        var scores = new float[data.ItemCount];
        var maxPop = 1;
        for (var i = 0; i < scores.Length; i++)
        {
            maxPop = Math.Max(maxPop, ages.RowLength(i));
        }

        // The prior stays below the decayed weight of a single event at the window's edge, so it only breaks ties.
        var edge = Math.Pow(2.0, -1.0 / options.HalfLifeFraction);
        for (var i = 0; i < scores.Length; i++)
        {
            var s = 0.0;
            foreach (var age in ages.RowValues(i))
            {
                if (age <= windowDays)
                {
                    s += Math.Pow(2.0, -age / halfLife);
                }
            }

            scores[i] = (float)(s + (options.PopularityPrior * edge * ages.RowLength(i) / maxPop));
        }

        return scores;
    }
}
