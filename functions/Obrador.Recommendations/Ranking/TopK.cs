namespace Obrador.Recommendations.Ranking;

/// <summary>Top-k selection with a bounded min-heap: O(n log k) instead of a full sort.</summary>
internal static class TopK
{
    /// <summary>
    /// Writes the indices of the k best scores into <paramref name="result"/>, best first; ties go to the lower index,
    /// so results are deterministic. Entries that are NaN or −∞ (excluded) are skipped.
    /// </summary>
    /// <returns>Number written (≤ k).</returns>
    public static int Select(ReadOnlySpan<float> scores, int k, Span<int> result)
    {
        k = Math.Min(k, result.Length);
        if (k <= 0)
        {
            return 0;
        }

        var heap = result[..k];
        var size = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            if (float.IsNaN(s) || float.IsNegativeInfinity(s))
            {
                continue;
            }

            if (size < k)
            {
                heap[size] = i;
                SiftUp(heap, scores, size++);
            }
            else if (Better(scores, i, heap[0]))
            {
                heap[0] = i;
                SiftDown(heap, scores, 0, size);
            }
        }

        // Pop the heap (worst at the root) from the back, leaving best first.
        for (var end = size - 1; end > 0; end--)
        {
            (heap[0], heap[end]) = (heap[end], heap[0]);
            SiftDown(heap, scores, 0, end);
        }

        return size;
    }

    /// <summary>True when item a ranks before item b: higher score, then lower index.</summary>
    private static bool Better(ReadOnlySpan<float> scores, int a, int b) =>
        scores[a] > scores[b] || (scores[a] == scores[b] && a < b);

    private static void SiftUp(Span<int> heap, ReadOnlySpan<float> scores, int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(scores, heap[parent], heap[i]))
            {
                break;
            }

            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void SiftDown(Span<int> heap, ReadOnlySpan<float> scores, int i, int size)
    {
        while (true)
        {
            var l = (2 * i) + 1;
            if (l >= size)
            {
                return;
            }

            var worst = l;
            var r = l + 1;
            if (r < size && Better(scores, heap[l], heap[r]))
            {
                worst = r;
            }

            if (!Better(scores, heap[i], heap[worst]))
            {
                return;
            }

            (heap[i], heap[worst]) = (heap[worst], heap[i]);
            i = worst;
        }
    }
}
