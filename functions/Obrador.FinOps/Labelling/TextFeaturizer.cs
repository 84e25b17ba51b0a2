using System.Text;

namespace Obrador.FinOps.Labelling;

/// <summary>
/// TF-IDF over word and character n-grams of a resource's identity (Salton &amp; Buckley 1988; the sublinear tf and
/// smoothed idf of scikit-learn's TfidfVectorizer): tf = 1 + ln(count), idf = ln((1 + N) / (1 + df)) + 1, then L2
/// normalisation. Terms, each prefixed by its field so "prod" in a name and in a group stay apart:
/// word unigrams and bigrams of the name and resource group (split on punctuation, camelCase and digit runs),
/// word unigrams of the id segments, type, service and subscription, the other tags as <c>key=value</c>, and
/// character 3- and 4-grams of the name and resource group. The vocabulary keeps the <c>MaxFeatures</c> most frequent terms.
/// Immutable after <see cref="Fit"/>.
/// </summary>
internal sealed class TextFeaturizer
{
    private readonly Dictionary<string, int> vocabulary;
    private readonly double[] idf;

    private TextFeaturizer(Dictionary<string, int> vocabulary, double[] idf)
    {
        this.vocabulary = vocabulary;
        this.idf = idf;
    }

    public int Dimension => idf.Length;

    public static TextFeaturizer Fit(IReadOnlyList<List<string>> documents, int maxFeatures)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            foreach (var term in doc.Distinct(StringComparer.Ordinal))
            {
                df[term] = df.GetValueOrDefault(term) + 1;
            }
        }

        var kept = df.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(maxFeatures).ToList();
        var vocab = new Dictionary<string, int>(kept.Count, StringComparer.Ordinal);
        var idf = new double[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            vocab[kept[i].Key] = i;
            idf[i] = Math.Log((1.0 + documents.Count) / (1.0 + kept[i].Value)) + 1;
        }

        return new TextFeaturizer(vocab, idf);
    }

    public SparseVector Transform(List<string> terms)
    {
        var counts = new Dictionary<int, int>();
        foreach (var t in terms)
        {
            if (vocabulary.TryGetValue(t, out var i))
            {
                counts[i] = counts.GetValueOrDefault(i) + 1;
            }
        }

        var idx = counts.Keys.Order().ToArray();
        var val = new double[idx.Length];
        var norm = 0.0;
        for (var k = 0; k < idx.Length; k++)
        {
            val[k] = (1 + Math.Log(counts[idx[k]])) * idf[idx[k]];
            norm += val[k] * val[k];
        }

        norm = Math.Sqrt(norm);
        if (norm > 0)
        {
            for (var k = 0; k < val.Length; k++)
            {
                val[k] /= norm;
            }
        }

        return new SparseVector(idx, val);
    }

    /// <summary>The terms of one resource, leaving out every spelling of the tag being predicted.</summary>
    public static List<string> Terms(ResourceInventoryItem item, RequiredTag target)
    {
        var terms = new List<string>(128);
        AddWords(terms, "n", item.ResourceName, bigrams: true);
        AddChars(terms, "cn", item.ResourceName);
        AddWords(terms, "g", item.ResourceGroup, bigrams: true);
        AddChars(terms, "cg", item.ResourceGroup);
        AddWords(terms, "i", item.ResourceId, bigrams: false);
        AddWords(terms, "t", item.ResourceType, bigrams: false);
        AddWords(terms, "v", item.ServiceName, bigrams: false);
        AddWords(terms, "s", item.SubAccountName, bigrams: false);
        if (item.SubAccountId.Length > 0)
        {
            terms.Add("sid:" + item.SubAccountId.ToLowerInvariant());
        }

        foreach (var (k, v) in item.Tags)
        {
            if (!target.Matches(k) && v.Length > 0)
            {
                var key = RequiredTag.Canonical(k);
                terms.Add("k:" + key + "=" + v.ToLowerInvariant());
                AddWords(terms, "kv:" + key, v, bigrams: false);
            }
        }

        return terms;
    }

    internal static List<string> Words(string text)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        char prev = '\0';
        foreach (var c in text)
        {
            var boundary = !char.IsLetterOrDigit(c)
                || (sb.Length > 0 && char.IsUpper(c) && char.IsLower(prev))
                || (sb.Length > 0 && char.IsDigit(c) != char.IsDigit(prev));
            if (boundary && sb.Length > 0)
            {
                words.Add(sb.ToString());
                sb.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }

            prev = c;
        }

        if (sb.Length > 0)
        {
            words.Add(sb.ToString());
        }

        return words;
    }

    private static void AddWords(List<string> terms, string field, string text, bool bigrams)
    {
        if (text.Length == 0)
        {
            return;
        }

        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            terms.Add(field + ":" + words[i]);
            if (bigrams && i > 0)
            {
                terms.Add(field + ":" + words[i - 1] + "_" + words[i]);
            }
        }
    }

    private static void AddChars(List<string> terms, string field, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        var s = "^" + text.ToLowerInvariant() + "$";
        for (var n = 3; n <= 4; n++)
        {
            for (var i = 0; i + n <= s.Length; i++)
            {
                terms.Add(string.Concat(field, ":", s.AsSpan(i, n)));
            }
        }
    }
}
