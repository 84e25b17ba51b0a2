using Obrador.FinOps.Anomalies;

namespace Obrador.FinOps.Aggregation;

/// <summary>Turns gold <c>daily_cost</c> rows into dense per-scope series (missing days = 0) for forecasting and detection.</summary>
public static class DailyCostSeries
{
    /// <summary>
    /// One series per scope of <paramref name="dimension"/> over [<paramref name="from"/>, <paramref name="to"/>]
    /// (default: the rows' own range), EffectiveCost as double. A scope billed in several currencies gives one series per
    /// currency, keyed <c>{scope}|{currency}</c>. When the rows contain <see cref="CostDimension.Total"/>, it becomes the
    /// parent (share-of-scope feature) of every series in the same currency.
    /// </summary>
    public static IReadOnlyList<ScopeSeries> Build(IReadOnlyList<DailyCostRow> rows, CostDimension dimension, DateOnly? from = null, DateOnly? to = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var selected = rows.Where(r => r.Dimension == dimension).ToList();
        if (selected.Count == 0)
        {
            return [];
        }

        var start = from ?? rows.Min(r => r.Date);
        var end = to ?? rows.Max(r => r.Date);
        var days = end.DayNumber - start.DayNumber + 1;
        if (days <= 0)
        {
            return [];
        }

        var totals = rows.Where(r => r.Dimension == CostDimension.Total).GroupBy(r => r.Currency, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Dense(g, start, days), StringComparer.Ordinal);
        var multiCurrency = selected.GroupBy(r => r.Scope, StringComparer.Ordinal).Where(g => g.Select(r => r.Currency).Distinct().Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return selected.GroupBy(r => (r.Scope, r.Currency)).OrderBy(g => g.Key.Scope, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => new ScopeSeries
            {
                Scope = multiCurrency.Contains(g.Key.Scope) ? g.Key.Scope + "|" + g.Key.Currency : g.Key.Scope,
                Dimension = dimension.ToString(),
                Currency = g.Key.Currency,
                Start = start,
                Values = Dense(g, start, days),
                ParentValues = dimension != CostDimension.Total && totals.TryGetValue(g.Key.Currency, out var t) ? t : null,
            })
            .ToList();
    }

    private static double[] Dense(IEnumerable<DailyCostRow> rows, DateOnly start, int days)
    {
        var values = new double[days];
        foreach (var r in rows)
        {
            var i = r.Date.DayNumber - start.DayNumber;
            if (i >= 0 && i < days)
            {
                values[i] += (double)r.EffectiveCost;
            }
        }

        return values;
    }
}
