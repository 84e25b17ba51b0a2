using System.Buffers;
using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Algorithms;

/// <summary>Switching and weighted hybrid: collaborative + content + popularity, trending for users with no history.</summary>
/// <remarks>
/// R. Burke, "Hybrid Recommender Systems: Survey and Experiments", UMUAI 12(4), 2002 — a <em>switching</em> hybrid
/// on history length n_u (0 → trending; 1 ≤ n_u &lt; MinHistory → the collaborative model's item-based scores of
/// the user's basket, "frequently bought together"; otherwise its user-based scores) combined with a <em>weighted</em>
/// blend s = ŝ_cf + w_c·ŝ_content + w_p·ŝ_pop, where ŝ is each score vector divided by its maximum. The content
/// term lets items without interactions appear; the popularity term is a prior that fills short lists.
/// </remarks>
public sealed class HybridRecommender : IRecommender
{
    private readonly HybridOptions _options;
    private readonly IReadOnlyDictionary<string, ItemInfo> _catalog;
    private InteractionMatrix? _data;
    private IRecommender? _collaborative;
    private ContentRecommender? _content;
    private readonly PopularityRecommender _popularity = new();
    private TrendingRecommender? _trending;

    /// <summary>Creates the hybrid.</summary>
    /// <param name="catalog">Item facts for the content component; may be empty (then content contributes nothing).</param>
    /// <param name="options">Options; null = defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public HybridRecommender(IReadOnlyDictionary<string, ItemInfo>? catalog = null, HybridOptions? options = null)
    {
        _options = options ?? new HybridOptions();
        _options.Validate();
        _catalog = catalog ?? new Dictionary<string, ItemInfo>();
    }

    /// <inheritdoc />
    public string Name => "hybrid";

    /// <inheritdoc />
    public bool HandlesColdUsers => true;

    /// <summary>The collaborative component chosen at <see cref="Fit"/> (<c>sar</c>, <c>ease</c> or <c>als</c>).</summary>
    public string? CollaborativeName => _collaborative?.Name;

    /// <summary>The content component, when the catalog has facts (for <c>/similar</c> on cold items).</summary>
    public ContentRecommender? Content => _content;

    /// <inheritdoc />
    public void Fit(InteractionMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _collaborative = _options.Collaborative switch
        {
            CollaborativeModel.Sar => new SarRecommender(_options.Sar),
            CollaborativeModel.Ease => new EaseRecommender(_options.Ease),
            CollaborativeModel.Als => new AlsRecommender(_options.Als),
            _ when data.ItemCount <= Math.Min(_options.AutoEaseMaxItems, _options.Ease.MaxItems) => new EaseRecommender(_options.Ease),
            _ => new SarRecommender(_options.Sar),
        };
        _collaborative.Fit(data);
        _content = _catalog.Count > 0 && _options.ContentWeight > 0 ? new ContentRecommender(_catalog, _options.Content) : null;
        _content?.Fit(data);
        _popularity.Fit(data);
        _trending = new TrendingRecommender(_options.Trending);
        _trending.Fit(data);
        _data = data;
    }

    /// <inheritdoc />
    public void ScoreUser(int user, Span<float> scores)
    {
        var data = _data ?? throw new InvalidOperationException("Call Fit first.");
        var items = data.UserItems.RowIndices(user);
        if (items.Length >= _options.MinHistory)
        {
            _collaborative!.ScoreUser(user, scores);
            Blend(items, data.UserItems.RowValues(user), scores);
        }
        else
        {
            ScoreItems(items, data.UserItems.RowValues(user), scores);
        }
    }

    /// <inheritdoc />
    public void ScoreItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        if (_data is null)
        {
            throw new InvalidOperationException("Call Fit first.");
        }

        if (items.Length == 0)
        {
            _trending!.ScoreItems(items, weights, scores);
            return;
        }

        _collaborative!.ScoreItems(items, weights, scores);
        Blend(items, weights, scores);
    }

    private void Blend(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        Normalise(scores);
        var buffer = ArrayPool<float>.Shared.Rent(scores.Length);
        try
        {
            var extra = buffer.AsSpan(0, scores.Length);
            if (_content is not null)
            {
                _content.ScoreItems(items, weights, extra);
                AddScaled(scores, extra, _options.ContentWeight);
            }

            if (_options.PopularityWeight > 0)
            {
                ((IRecommender?)(_options.TrendingPrior ? _trending : null) ?? _popularity).ScoreItems(items, weights, extra);
                AddScaled(scores, extra, _options.PopularityWeight);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static void AddScaled(Span<float> scores, Span<float> extra, float weight)
    {
        Normalise(extra);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] += weight * extra[i];
        }
    }

    private static void Normalise(Span<float> values)
    {
        var max = 0f;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        if (max > 0)
        {
            var inverse = 1f / max;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] *= inverse;
            }
        }
    }
}
