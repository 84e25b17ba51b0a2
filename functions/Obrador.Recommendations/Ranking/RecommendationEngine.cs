using System.Buffers;
using Obrador.Recommendations.Algorithms;
using Obrador.Recommendations.Data;
using Obrador.Recommendations.Rules;

namespace Obrador.Recommendations.Ranking;

/// <summary>
/// Scores with a fitted <see cref="IRecommender"/>, applies the business rules (seen, availability, context,
/// category cap) and cuts the top k with a heap. Thread-safe: batch methods run users in parallel.
/// </summary>
public sealed class RecommendationEngine
{
    private readonly InteractionMatrix _data;
    private readonly IRecommender _model;
    private readonly BusinessRulesOptions _rules;
    private readonly bool[] _unavailable;
    private readonly int[] _category;

    /// <summary>Creates an engine over a model already fitted on <paramref name="data"/>.</summary>
    /// <param name="data">The training matrix.</param>
    /// <param name="model">A recommender fitted on <paramref name="data"/>.</param>
    /// <param name="rules">Rules; defaults remove seen items and set no category cap.</param>
    /// <param name="isAvailable">Inventory predicate on item ids; null = everything is available.</param>
    /// <param name="categoryOf">Category of an item id (for the cap); null = no categories.</param>
    /// <exception cref="ArgumentOutOfRangeException">Invalid rules.</exception>
    public RecommendationEngine(
        InteractionMatrix data,
        IRecommender model,
        BusinessRulesOptions? rules = null,
        Func<string, bool>? isAvailable = null,
        Func<string, string?>? categoryOf = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        _data = data;
        _model = model;
        _rules = rules ?? new BusinessRulesOptions();
        _rules.Validate();
        _unavailable = new bool[data.ItemCount];
        _category = new int[data.ItemCount];
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < data.ItemCount; i++)
        {
            _unavailable[i] = isAvailable is not null && !isAvailable(data.Items[i]);
            var c = categoryOf?.Invoke(data.Items[i]);
            _category[i] = string.IsNullOrEmpty(c) ? -1 : categories.TryGetValue(c, out var ci) ? ci : categories[c] = categories.Count;
        }
    }

    /// <summary>The model behind the engine.</summary>
    public IRecommender Model => _model;

    /// <summary>Top-k items for a user in a context; unknown users get the model's cold answer (empty basket plus context).</summary>
    /// <param name="userId">User id, or null for an anonymous visitor.</param>
    /// <param name="k">List length, ≥ 1.</param>
    /// <param name="context">Page context; null = home.</param>
    /// <returns>At most k items, best first; fewer only when the rules leave fewer.</returns>
    public IReadOnlyList<ScoredItem> Recommend(string? userId, int k, RecommendationContext? context = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var user = userId is null ? -1 : _data.Users.IndexOf(userId);
        var contextItems = ContextItems(context ?? RecommendationContext.Home);
        var scores = ArrayPool<float>.Shared.Rent(_data.ItemCount);
        var top = new int[k];
        try
        {
            var n = RecommendIndices(user, contextItems, k, scores.AsSpan(0, _data.ItemCount), top);
            return top[..n].Select(i => new ScoredItem(_data.Items[i], scores[i])).ToList();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>Top-k items similar to one item (the model's item-based scores), excluding the item itself.</summary>
    /// <exception cref="KeyNotFoundException">Unknown item id.</exception>
    public IReadOnlyList<ScoredItem> Similar(string itemId, int k)
    {
        if (!_data.Items.TryGetIndex(itemId, out _))
        {
            throw new KeyNotFoundException($"Unknown item '{itemId}'.");
        }

        return Recommend(null, k, new RecommendationContext(PageKind.Product, itemId));
    }

    /// <summary>Top-k for many training users in parallel (the batch precompute).</summary>
    /// <param name="users">User row indices.</param>
    /// <param name="k">List length.</param>
    /// <returns>Item indices per user (aligned with <paramref name="users"/>), best first.</returns>
    public int[][] RecommendBatch(IReadOnlyList<int> users, int k) => RecommendBatch(users, k, out _);

    /// <summary>Top-k for many training users in parallel, with the scores of the listed items.</summary>
    internal int[][] RecommendBatch(IReadOnlyList<int> users, int k, out float[][] listScores)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var result = new int[users.Count][];
        var resultScores = new float[users.Count][];
        Parallel.For(
            0,
            users.Count,
            () => new float[_data.ItemCount],
            (n, _, scores) =>
            {
                var top = new int[k];
                var count = RecommendIndices(users[n], [], k, scores, top);
                result[n] = count == k ? top : top[..count];
                var s = new float[count];
                for (var m = 0; m < count; m++)
                {
                    s[m] = scores[top[m]];
                }

                resultScores[n] = s;
                return scores;
            },
            _ => { });
        listScores = resultScores;
        return result;
    }

    /// <summary>Core: score, apply rules, select. <paramref name="user"/> −1 = cold; <paramref name="contextItems"/> from the page.</summary>
    internal int RecommendIndices(int user, ReadOnlySpan<int> contextItems, int k, Span<float> scores, Span<int> top)
    {
        if (contextItems.Length > 0)
        {
            Span<float> ones = contextItems.Length <= 256 ? stackalloc float[contextItems.Length] : new float[contextItems.Length];
            ones.Fill(1f);
            _model.ScoreItems(contextItems, ones, scores);
            if (user >= 0 && _rules.PersonalWeightInContext > 0)
            {
                BlendPersonal(user, scores);
            }
        }
        else if (user >= 0)
        {
            _model.ScoreUser(user, scores);
        }
        else if (_model.HandlesColdUsers)
        {
            _model.ScoreItems([], [], scores);
        }
        else
        {
            return 0;
        }

        ApplyExclusions(user, contextItems, scores);
        return Select(scores, k, top);
    }

    private void BlendPersonal(int user, Span<float> scores)
    {
        var personal = ArrayPool<float>.Shared.Rent(scores.Length);
        try
        {
            var p = personal.AsSpan(0, scores.Length);
            _model.ScoreUser(user, p);
            var maxContext = MaxAbs(scores);
            var maxPersonal = MaxAbs(p);
            if (maxPersonal <= 0)
            {
                return;
            }

            // Scale the personal scores to the context's range so the weight means the same for every model.
            var factor = _rules.PersonalWeightInContext * (maxContext > 0 ? maxContext : 1f) / maxPersonal;
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] += factor * p[i];
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(personal);
        }
    }

    private void ApplyExclusions(int user, ReadOnlySpan<int> contextItems, Span<float> scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            if (_unavailable[i])
            {
                scores[i] = float.NegativeInfinity;
            }
        }

        foreach (var i in contextItems)
        {
            scores[i] = float.NegativeInfinity;
        }

        if (user >= 0 && _rules.RemoveSeen)
        {
            foreach (var i in _data.UserItems.RowIndices(user))
            {
                scores[i] = float.NegativeInfinity;
            }
        }
    }

    private int Select(Span<float> scores, int k, Span<int> top)
    {
        if (_rules.MaxPerCategory is not { } cap)
        {
            return TopK.Select(scores, k, top);
        }

        // Take a growing candidate pool until the cap leaves k items or the candidates run out.
        for (var pool = k * 4; ; pool *= 2)
        {
            var candidates = new int[Math.Min(pool, scores.Length)];
            var found = TopK.Select(scores, candidates.Length, candidates);
            var perCategory = new Dictionary<int, int>();
            var n = 0;
            for (var m = 0; m < found && n < k; m++)
            {
                var c = _category[candidates[m]];
                var used = c < 0 ? 0 : perCategory.GetValueOrDefault(c);
                if (c >= 0 && used >= cap)
                {
                    continue;
                }

                if (c >= 0)
                {
                    perCategory[c] = used + 1;
                }

                top[n++] = candidates[m];
            }

            if (n == k || found < candidates.Length || candidates.Length == scores.Length)
            {
                return n;
            }
        }
    }

    private int[] ContextItems(RecommendationContext context) => context.Page switch
    {
        PageKind.Product when context.CurrentItem is not null => Known([context.CurrentItem]),
        PageKind.Cart when context.Basket is { Count: > 0 } => Known(context.Basket),
        _ => [],
    };

    private int[] Known(IEnumerable<string> ids) =>
        ids.Select(_data.Items.IndexOf).Where(i => i >= 0).Distinct().ToArray();

    private static float MaxAbs(ReadOnlySpan<float> values)
    {
        var m = 0f;
        foreach (var v in values)
        {
            if (float.IsFinite(v))
            {
                m = Math.Max(m, Math.Abs(v));
            }
        }

        return m;
    }
}
