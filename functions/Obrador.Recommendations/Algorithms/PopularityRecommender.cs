using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Algorithms;

/// <summary>Most popular items, the same list for everybody: the baseline every other algorithm must beat.</summary>
/// <remarks>score(i) = |{u : x_ui &gt; 0}| (or Σ_u x_ui with <see cref="PopularityOptions.UseWeights"/>).</remarks>
public sealed class PopularityRecommender : IRecommender
{
    private readonly PopularityOptions _options;
    private float[] _popularity = [];

    /// <summary>Creates the recommender.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public PopularityRecommender(PopularityOptions? options = null)
    {
        _options = options ?? new PopularityOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "popularity";

    /// <inheritdoc />
    public bool HandlesColdUsers => true;

    /// <summary>Item popularity after <see cref="Fit"/>, by item index.</summary>
    public ReadOnlySpan<float> Popularity => _popularity;

    /// <inheritdoc />
    public void Fit(InteractionMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var itemUsers = data.ItemUsers;
        var pop = new float[data.ItemCount];
        for (var i = 0; i < pop.Length; i++)
        {
            pop[i] = _options.UseWeights ? Sum(itemUsers.RowValues(i)) : itemUsers.RowLength(i);
        }

        _popularity = pop;
    }

    /// <inheritdoc />
    public void ScoreUser(int user, Span<float> scores) => _popularity.CopyTo(scores);

    /// <inheritdoc />
    public void ScoreItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores) => _popularity.CopyTo(scores);

    private static float Sum(ReadOnlySpan<float> values)
    {
        var s = 0f;
        foreach (var v in values)
        {
            s += v;
        }

        return s;
    }
}
