using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Algorithms;

/// <summary>Item co-occurrence C = Xᵀ X of the binary user-item matrix, sparse, computed in parallel by item row.</summary>
internal static class Cooccurrence
{
    /// <summary>c_ij = number of users with both i and j; entries below <paramref name="threshold"/> are dropped (the diagonal is always kept).</summary>
    public static CsrMatrix Compute(InteractionMatrix data, int threshold)
    {
        var itemUsers = data.ItemUsers;
        var userItems = data.UserItems;
        var n = data.ItemCount;
        var rowCols = new int[n][];
        var rowVals = new float[n][];
        Parallel.For(
            0,
            n,
            () => (Counts: new int[n], Touched: new List<int>()),
            (i, _, local) =>
            {
                var (counts, touched) = local;
                foreach (var u in itemUsers.RowIndices(i))
                {
                    foreach (var j in userItems.RowIndices(u))
                    {
                        if (counts[j]++ == 0)
                        {
                            touched.Add(j);
                        }
                    }
                }

                touched.Sort();
                var cols = new List<int>(touched.Count);
                var vals = new List<float>(touched.Count);
                foreach (var j in touched)
                {
                    if (counts[j] >= threshold || j == i)
                    {
                        cols.Add(j);
                        vals.Add(counts[j]);
                    }

                    counts[j] = 0;
                }

                touched.Clear();
                rowCols[i] = [.. cols];
                rowVals[i] = [.. vals];
                return local;
            },
            _ => { });

        return CsrMatrix.FromRows(n, n, rowCols, rowVals);
    }
}
