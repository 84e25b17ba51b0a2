using System.Text;
using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Algorithms;

/// <summary>L2-normalised TF-IDF vectors of item text with an inverted index, and the cosine top-k neighbours of every item.</summary>
/// <remarks>
/// tf = 1 + ln(count) (sublinear), idf = ln((1 + N)/(1 + df)) + 1 (the smoothed idf of scikit-learn's TfidfVectorizer),
/// rows L2-normalised so the dot product is the cosine (Salton &amp; Buckley 1988, "Term-weighting approaches in
/// automatic text retrieval"). Tokens: lower-cased letter/digit runs of the text, <c>cat:…</c> for the category and
/// <c>key=value</c> per attribute.
/// </remarks>
internal sealed class TfIdfIndex
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "and", "the", "of", "for", "with", "in", "on", "to", "a", "an", "set", "de", "la", "le",
    };

    private TfIdfIndex(int[][] terms, float[][] weights, int termCount)
    {
        Terms = terms;
        Weights = weights;
        TermCount = termCount;
    }

    /// <summary>Term ids per item, ascending.</summary>
    public int[][] Terms { get; }

    /// <summary>Normalised weights per item, aligned with <see cref="Terms"/>.</summary>
    public float[][] Weights { get; }

    /// <summary>Vocabulary size.</summary>
    public int TermCount { get; }

    /// <summary>Builds vectors for every item column of <paramref name="items"/>; items without facts get an empty vector.</summary>
    public static TfIdfIndex Build(IdMap items, IReadOnlyDictionary<string, ItemInfo> catalog, ContentOptions options)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new Dictionary<int, double>[items.Count];
        var df = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var bag = new Dictionary<int, double>();
            if (catalog.TryGetValue(items[i], out var info))
            {
                foreach (var token in Tokens(info, options))
                {
                    if (!vocabulary.TryGetValue(token.Term, out var t))
                    {
                        t = vocabulary[token.Term] = vocabulary.Count;
                        df.Add(0);
                    }

                    if (!bag.ContainsKey(t))
                    {
                        df[t]++;
                        bag[t] = 0;
                    }

                    bag[t] += token.Boost;
                }
            }

            counts[i] = bag;
        }

        var terms = new int[items.Count][];
        var weights = new float[items.Count][];
        for (var i = 0; i < items.Count; i++)
        {
            var ids = counts[i].Keys.Order().ToArray();
            var w = ids.Select(t => (float)((1 + Math.Log(Math.Max(1.0, counts[i][t]))) * (Math.Log((1.0 + items.Count) / (1.0 + df[t])) + 1)
                * (counts[i][t] < 1 ? counts[i][t] : 1.0))).ToArray();
            var norm = MathF.Sqrt(w.Sum(v => v * v));
            if (norm > 0)
            {
                for (var k = 0; k < w.Length; k++)
                {
                    w[k] /= norm;
                }
            }

            terms[i] = ids;
            weights[i] = w;
        }

        return new TfIdfIndex(terms, weights, vocabulary.Count);
    }

    private static IEnumerable<(string Term, double Boost)> Tokens(ItemInfo info, ContentOptions options)
    {
        var word = new StringBuilder();
        foreach (var ch in (info.Text ?? string.Empty) + " ")
        {
            if (char.IsLetterOrDigit(ch))
            {
                word.Append(char.ToLowerInvariant(ch));
                continue;
            }

            if (word.Length >= options.MinTokenLength && !StopWords.Contains(word.ToString()))
            {
                yield return (word.ToString(), 1.0);
            }

            word.Clear();
        }

        if (!string.IsNullOrWhiteSpace(info.Category) && options.CategoryWeight > 0)
        {
            yield return ("cat:" + info.Category.Trim().ToLowerInvariant(), options.CategoryWeight);
        }

        foreach (var (key, value) in info.Attributes ?? new Dictionary<string, string>())
        {
            yield return ($"{key.Trim().ToLowerInvariant()}={value.Trim().ToLowerInvariant()}", 1.0);
        }
    }
}
