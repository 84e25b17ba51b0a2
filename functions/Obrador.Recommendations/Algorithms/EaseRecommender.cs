using System.Numerics.Tensors;
using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Algorithms;

/// <summary>EASE: a closed-form item-item linear model with a zero diagonal.</summary>
/// <remarks>
/// H. Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019, eq. (8):
/// G = XᵀX + λI, P = G⁻¹, B = I − P · diagMat(1 ⊘ diag(P)), i.e. B_ij = −P_ij / P_jj for i ≠ j and B_jj = 0.
/// Scores for a user row x are x · B. The inverse starts from MathNet's Cholesky factorisation (G is symmetric positive
/// definite for λ &gt; 0), see <see cref="SpdInverse"/>. Training is O(n_items³) time and O(n_items²) memory, so it suits catalogs up to ~20k items.
/// </remarks>
public sealed class EaseRecommender : IRecommender
{
    private readonly EaseOptions _options;
    private InteractionMatrix? _data;
    private float[] _b = [];
    private int _n;

    /// <summary>Creates the recommender.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public EaseRecommender(EaseOptions? options = null)
    {
        _options = options ?? new EaseOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "ease";

    /// <inheritdoc />
    public bool HandlesColdUsers => false;

    /// <summary>The weight B_ij of item i in item j's prediction (row-major, after <see cref="Fit"/>).</summary>
    public float Weight(int i, int j) => _b[(i * _n) + j];

    /// <inheritdoc />
    /// <exception cref="RecommendationException">More items than <see cref="EaseOptions.MaxItems"/>.</exception>
    public void Fit(InteractionMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var n = data.ItemCount;
        if (n > _options.MaxItems)
        {
            throw new RecommendationException($"EASE needs a dense {n}×{n} matrix; the limit is {_options.MaxItems} items. Use SAR or ALS.");
        }

        var gram = Gram(data, _options.UseWeights);
        for (var i = 0; i < n; i++)
        {
            gram[(i * n) + i] += _options.Lambda;
        }

        // Column-major and row-major coincide for a symmetric matrix, so MathNet can read the Gram array as is.
        var pv = SpdInverse.Invert(gram, n);
        var b = new float[n * n];
        Parallel.For(0, n, i =>
        {
            for (var j = 0; j < n; j++)
            {
                b[(i * n) + j] = i == j ? 0f : (float)(-pv[(i * n) + j] / pv[(j * n) + j]);
            }
        });

        _b = b;
        _n = n;
        _data = data;
    }

    /// <inheritdoc />
    public void ScoreUser(int user, Span<float> scores)
    {
        var data = _data ?? throw new InvalidOperationException("Call Fit first.");
        var row = data.UserItems;
        if (_options.UseWeights)
        {
            ScoreItems(row.RowIndices(user), row.RowValues(user), scores);
            return;
        }

        scores.Clear();
        foreach (var i in row.RowIndices(user))
        {
            TensorPrimitives.Add(scores, _b.AsSpan(i * _n, _n), scores);
        }
    }

    /// <inheritdoc />
    public void ScoreItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
    {
        if (_data is null)
        {
            throw new InvalidOperationException("Call Fit first.");
        }

        scores.Clear();
        for (var k = 0; k < items.Length; k++)
        {
            var w = _options.UseWeights ? weights[k] : 1f;
            TensorPrimitives.MultiplyAdd(_b.AsSpan(items[k] * _n, _n), w, scores, scores);
        }
    }

    /// <summary>XᵀX as a dense row-major n×n array, accumulated per user over their item pairs.</summary>
    private static double[] Gram(InteractionMatrix data, bool useWeights)
    {
        var n = data.ItemCount;
        var gram = new double[n * n];
        var itemUsers = data.ItemUsers;
        var userItems = data.UserItems;

        // Row i of G only touches gram[i*n..], so item rows run in parallel without locks.
        Parallel.For(0, n, i =>
        {
            var row = gram.AsSpan(i * n, n);
            var users = itemUsers.RowIndices(i);
            var xi = itemUsers.RowValues(i);
            for (var m = 0; m < users.Length; m++)
            {
                var a = useWeights ? xi[m] : 1.0;
                var cols = userItems.RowIndices(users[m]);
                var vals = userItems.RowValues(users[m]);
                for (var c = 0; c < cols.Length; c++)
                {
                    row[cols[c]] += useWeights ? a * vals[c] : 1.0;
                }
            }
        });
        return gram;
    }
}
