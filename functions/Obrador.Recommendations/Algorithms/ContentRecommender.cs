using Obrador.Recommendations.Data;
using Obrador.Recommendations.Ranking;

namespace Obrador.Recommendations.Algorithms;

/// <summary>Content-based recommendations: cosine similarity of TF-IDF item text (description, category, attributes).</summary>
/// <remarks>
/// Item profiles are TF-IDF vectors (see <see cref="TfIdfIndex"/>); each item keeps its top-k cosine neighbours,
/// found through an inverted index (only items sharing a term are compared). A user or basket is scored as
/// Σ_i a_ui · cos(i, j) over the neighbour lists (item-based kNN on content; Lops, de Gemmis, Semeraro,
/// "Content-based Recommender Systems: State of the Art and Trends", Recommender Systems Handbook 2011). New
/// catalog items need no interactions, which is why the hybrid model uses this for cold items and <c>/similar</c>.
/// </remarks>
public sealed class ContentRecommender : IRecommender
{
    private readonly IReadOnlyDictionary<string, ItemInfo> _catalog;
    private readonly ContentOptions _options;
    private InteractionMatrix? _data;
    private CsrMatrix? _neighbours;

    /// <summary>Creates the recommender over a catalog.</summary>
    /// <param name="catalog">Item facts by item id; items missing from it have no content.</param>
    /// <param name="options">Options; null = defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public ContentRecommender(IReadOnlyDictionary<string, ItemInfo> catalog, ContentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _options = options ?? new ContentOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public string Name => "content";

    /// <inheritdoc />
    public bool HandlesColdUsers => false;

    /// <summary>Item × item cosine neighbours (top-k per row, self excluded) after <see cref="Fit"/>.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public CsrMatrix Neighbours => _neighbours ?? throw new InvalidOperationException("Call Fit first.");

    /// <inheritdoc />
    public void Fit(InteractionMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var index = TfIdfIndex.Build(data.Items, _catalog, _options);
        var n = data.ItemCount;
        var postings = new List<(int Item, float Weight)>[index.TermCount];
        for (var t = 0; t < postings.Length; t++)
        {
            postings[t] = [];
        }

        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < index.Terms[i].Length; k++)
            {
                postings[index.Terms[i][k]].Add((i, index.Weights[i][k]));
            }
        }

        var k2 = Math.Min(_options.Neighbours, Math.Max(0, n - 1));
        var rowCols = new int[n][];
        var rowVals = new float[n][];
        Parallel.For(
            0,
            n,
            () => new float[n],
            (i, _, acc) =>
            {
                var touched = new List<int>();
                for (var k = 0; k < index.Terms[i].Length; k++)
                {
                    var w = index.Weights[i][k];
                    foreach (var (j, wj) in postings[index.Terms[i][k]])
                    {
                        if (j != i)
                        {
                            if (acc[j] == 0)
                            {
                                touched.Add(j);
                            }

                            acc[j] += w * wj;
                        }
                    }
                }

                var candidates = new float[touched.Count];
                for (var m = 0; m < touched.Count; m++)
                {
                    candidates[m] = acc[touched[m]];
                }

                // Select over the touched list only, then map back; ties resolve to the lower item index.
                var order = touched.Select((j, m) => (j, m)).OrderBy(p => p.j).ToArray();
                var sorted = order.Select(p => candidates[p.m]).ToArray();
                var top = new int[Math.Min(k2, sorted.Length)];
                var count = TopK.Select(sorted, top.Length, top);
                var cols = top[..count].Select(m => order[m].j).ToArray();
                var vals = top[..count].Select(m => sorted[m]).ToArray();
                Array.Sort(cols, vals);
                rowCols[i] = cols;
                rowVals[i] = vals;
                foreach (var j in touched)
                {
                    acc[j] = 0;
                }

                return acc;
            },
            _ => { });

        _neighbours = CsrMatrix.FromRows(n, n, rowCols, rowVals);
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
        var s = Neighbours;
        scores.Clear();
        for (var k = 0; k < items.Length; k++)
        {
            var idx = s.RowIndices(items[k]);
            var val = s.RowValues(items[k]);
            for (var m = 0; m < idx.Length; m++)
            {
                scores[idx[m]] += weights[k] * val[m];
            }
        }
    }
}
