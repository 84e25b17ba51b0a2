using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Algorithms;

/// <summary>Smart Adaptive Recommendations (SAR): item-item similarity from co-occurrence times time-decayed user affinity.</summary>
/// <remarks>
/// Microsoft Recommenders, <c>recommenders/models/sar/sar_singlenode.py</c> and "SAR deep dive":
/// C = Xᵀ X over the binary user-item matrix X (c_ij = users who interacted with both i and j; entries below the
/// threshold are dropped); S = similarity(C) (Jaccard c_ij/(c_ii+c_jj−c_ij), lift c_ij/(c_ii c_jj) or cosine
/// c_ij/√(c_ii c_jj)); A = the time-decayed affinity a_ui = Σ_k w_k 2^(−(t0−t_k)/T) (built by
/// <see cref="InteractionMatrix"/>); scores R = A · S. S is kept sparse (CSR), so training costs Σ_u n_u² and
/// memory is the number of co-occurring pairs.
/// </remarks>
public sealed class SarRecommender : IRecommender
{
    private readonly SarOptions _options;
    private InteractionMatrix? _data;
    private CsrMatrix? _similarity;

    /// <summary>Creates the recommender.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public SarRecommender(SarOptions? options = null)
    {
        _options = options ?? new SarOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "sar";

    /// <inheritdoc />
    public bool HandlesColdUsers => false;

    /// <summary>The item×item similarity matrix S after <see cref="Fit"/>.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public CsrMatrix Similarity => _similarity ?? throw new InvalidOperationException("Call Fit first.");

    /// <inheritdoc />
    public void Fit(InteractionMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var cooc = Cooccurrence.Compute(data, _options.Threshold);
        var n = data.ItemCount;
        var diag = new float[n];
        for (var i = 0; i < n; i++)
        {
            diag[i] = cooc.Get(i, i);
        }

        var pointers = cooc.RowPointers.ToArray();
        var columns = new int[cooc.NonZeroCount];
        var values = new float[cooc.NonZeroCount];
        for (var i = 0; i < n; i++)
        {
            var idx = cooc.RowIndices(i);
            var val = cooc.RowValues(i);
            for (var k = 0; k < idx.Length; k++)
            {
                var j = idx[k];
                var c = val[k];
                columns[pointers[i] + k] = j;
                values[pointers[i] + k] = _options.Similarity switch
                {
                    SimilarityKind.Jaccard => c / (diag[i] + diag[j] - c),
                    SimilarityKind.Lift => c / (diag[i] * diag[j]),
                    SimilarityKind.Cosine => c / MathF.Sqrt(diag[i] * diag[j]),
                    _ => c,
                };
            }
        }

        _similarity = CsrMatrix.FromSortedRows(n, n, pointers, columns, values);
        _data = data;
    }

    /// <inheritdoc />
    public void ScoreUser(int user, Span<float> scores)
    {
        var data = _data ?? throw new InvalidOperationException("Call Fit first.");
        ScoreItems(data.UserItems.RowIndices(user), data.UserItems.RowValues(user), scores);
    }

    /// <inheritdoc />
    public void ScoreItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        var s = Similarity;
        scores.Clear();
        for (var k = 0; k < items.Length; k++)
        {
            var a = weights[k];
            var idx = s.RowIndices(items[k]);
            var val = s.RowValues(items[k]);
            for (var m = 0; m < idx.Length; m++)
            {
                scores[idx[m]] += a * val[m];
            }
        }
    }
}
