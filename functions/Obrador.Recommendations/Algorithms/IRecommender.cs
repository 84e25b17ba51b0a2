using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Algorithms;

/// <summary>
/// A recommender scores every item of the training catalog for a user or for a set of items (a basket, a product page).
/// After <see cref="Fit"/> all scoring methods are thread-safe, so batch scoring runs in parallel.
/// </summary>
public interface IRecommender
{
    /// <summary>Short lower-case name (<c>popularity</c>, <c>sar</c>, <c>ease</c>, <c>als</c>, <c>content</c>, <c>hybrid</c>, …).</summary>
    string Name { get; }

    /// <summary>True when an empty basket (a user never seen in training) still gets meaningful scores.</summary>
    bool HandlesColdUsers { get; }

    /// <summary>Trains on the shared interaction matrix; the matrix must stay unchanged afterwards.</summary>
    void Fit(InteractionMatrix data);

    /// <summary>Scores all items for a training user; higher is better.</summary>
    /// <param name="user">User row index in [0, UserCount).</param>
    /// <param name="scores">Output, length = ItemCount; overwritten.</param>
    void ScoreUser(int user, Span<float> scores);

    /// <summary>Scores all items given only a set of items (a basket, the current product, a new user's few clicks).</summary>
    /// <param name="items">Item column indices; may be empty.</param>
    /// <param name="weights">Weight of each item, aligned with <paramref name="items"/>.</param>
    /// <param name="scores">Output, length = ItemCount; overwritten.</param>
    void ScoreItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores);
}
