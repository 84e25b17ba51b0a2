namespace Obrador.Lake.Storage.Internal;

/// <summary>
/// Evaluates a <see cref="TableQuery"/> filter against an entity the way the Table service does: a condition holds only
/// when the property exists and has the same type as the value; strings and row keys compare by Unicode code point
/// (ordinal on UTF-8, which is also SQLite's and the service's key order); byte arrays compare lexicographically.
/// </summary>
internal static class TableFilter
{
    /// <summary>True when every condition holds for <paramref name="entity"/>.</summary>
    public static bool Matches(TableEntity entity, IReadOnlyList<TableCondition>? filter)
    {
        if (filter is null)
        {
            return true;
        }

        foreach (var c in filter)
        {
            var actual = c.Property switch
            {
                "PartitionKey" => entity.PartitionKey,
                "RowKey" => entity.RowKey,
                "Timestamp" => entity.Timestamp,
                _ => entity[c.Property],
            };
            if (Compare(actual, c.Value) is not { } cmp || !Holds(c.Op, cmp))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Orders two values of the same supported type; null when the types differ or a value is missing.</summary>
    public static int? Compare(object? actual, object expected) => (actual, expected) switch
    {
        (string a, string b) => CompareCodePoints(a, b),
        (int a, int b) => a.CompareTo(b),
        (long a, long b) => a.CompareTo(b),
        (double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? null : a.CompareTo(b),
        (bool a, bool b) => a.CompareTo(b),
        (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks.CompareTo(b.UtcTicks),
        (Guid a, Guid b) => string.CompareOrdinal(a.ToString("D"), b.ToString("D")),
        (byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b),
        _ => null,
    };

    /// <summary>Ordinal comparison by Unicode code point (UTF-16 ordinal differs for surrogate pairs vs U+E000-U+FFFF).</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x != y)
            {
                // Surrogates (U+D800-U+DFFF) encode code points above U+FFFF, so they sort after U+E000-U+FFFF.
                return Weight(x).CompareTo(Weight(y));
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int Weight(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;

    private static bool Holds(ComparisonOp op, int cmp) => op switch
    {
        ComparisonOp.Equal => cmp == 0,
        ComparisonOp.NotEqual => cmp != 0,
        ComparisonOp.GreaterThan => cmp > 0,
        ComparisonOp.GreaterThanOrEqual => cmp >= 0,
        ComparisonOp.LessThan => cmp < 0,
        _ => cmp <= 0,
    };
}
