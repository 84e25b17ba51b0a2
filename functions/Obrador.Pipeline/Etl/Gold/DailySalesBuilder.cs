using Obrador.Pipeline.Etl.Silver;

namespace Obrador.Pipeline.Etl.Gold;

/// <summary>
/// Builds <c>daily_sales</c> for a range of business dates from silver till lines and uploads.
/// </summary>
/// <remarks>
/// <para><b>Precedence</b> (documented in <c>docs/pipeline.md</c>): for one store × product × day an uploaded row wins
/// over the till lines, because uploads are the analysts' corrected history (returns, manual sales, closures); among
/// uploads the newest version wins (silver already keeps only it).</para>
/// <para><b>Open days</b>: a store is open on a day when it has a till line or an upload row not flagged closed, and
/// closed when an upload flags it closed. Products the store sold within <see cref="EtlOptions.ZeroFillLookbackDays"/>
/// before an open day get a zero row when they have none; closed days get closed rows (units 0) for the same products;
/// days with no evidence at all get no rows (unknown is not zero).</para>
/// <para>Output order: (date, store, product), so files are byte-identical on reprocessing.</para>
/// </remarks>
public static class DailySalesBuilder
{
    private readonly record struct Key(string Store, string Product, int Day);

    /// <summary>Rows for every date in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <param name="posLines">Silver pos_sales rows covering [from − lookback, to].</param>
    /// <param name="uploads">Silver uploads covering the same window.</param>
    /// <param name="from">First date to emit.</param>
    /// <param name="to">Last date to emit.</param>
    /// <param name="zeroFillLookbackDays">Active-product window in days, ≥ 1.</param>
    public static IReadOnlyList<DailySalesRow> Build(IEnumerable<SilverEvent> posLines, IEnumerable<SilverUpload> uploads, DateOnly from, DateOnly to, int zeroFillLookbackDays)
    {
        var pos = new Dictionary<Key, (double Units, double Revenue, double PricedUnits)>();
        foreach (var l in posLines)
        {
            if (l.StoreId is null || l.ProductId is null)
            {
                continue;
            }

            var k = new Key(l.StoreId, l.ProductId, l.BusinessDate.DayNumber);
            var q = l.Quantity ?? 1;
            pos.TryGetValue(k, out var a);
            pos[k] = l.Price is { } p ? (a.Units + q, a.Revenue + (q * p), a.PricedUnits + q) : (a.Units + q, a.Revenue, a.PricedUnits);
        }

        var up = new Dictionary<Key, SilverUpload>();
        foreach (var u in uploads)
        {
            up[new Key(u.StoreId, u.ProductId, u.Date.DayNumber)] = u;
        }

        // Store-day status: true = open, false = closed (an upload's closed flag beats till evidence).
        var status = new Dictionary<(string Store, int Day), bool>();
        foreach (var k in pos.Keys)
        {
            status.TryAdd((k.Store, k.Day), true);
        }

        foreach (var (k, u) in up)
        {
            if (u.Closed == true)
            {
                status[(k.Store, k.Day)] = false;
            }
            else
            {
                status.TryAdd((k.Store, k.Day), true);
            }
        }

        // Days each store × product sold something, and its last known price, for zero-fill and zero-day prices.
        var soldDays = new Dictionary<(string Store, string Product), SortedSet<int>>();
        foreach (var k in pos.Keys.Concat(up.Keys))
        {
            if (!soldDays.TryGetValue((k.Store, k.Product), out var set))
            {
                soldDays[(k.Store, k.Product)] = set = [];
            }

            if (!up.TryGetValue(k, out var u) || u.Units > 0)
            {
                set.Add(k.Day);
            }
        }

        // Rows exist only on store-days with evidence (open or closed), so walk those days per store, in date order.
        var storeDays = status.Keys.GroupBy(k => k.Store).ToDictionary(g => g.Key, g => g.Select(k => k.Day).Where(d => d >= from.DayNumber - zeroFillLookbackDays && d <= to.DayNumber).Order().ToList(), StringComparer.Ordinal);
        var productsOf = soldDays.Keys.GroupBy(k => k.Store).ToDictionary(g => g.Key, g => g.Select(k => k.Product).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var rows = new List<DailySalesRow>();
        var lastPrice = new Dictionary<(string, string), double>();
        foreach (var store in storeDays.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var day in storeDays[store])
            {
                var emit = day >= from.DayNumber;
                var open = status[(store, day)];
                foreach (var product in productsOf.GetValueOrDefault(store, []))
                {
                    var days = soldDays[(store, product)];
                    var key = new Key(store, product, day);
                    DailySalesRow? row = null;
                    if (up.TryGetValue(key, out var u))
                    {
                        var revenue = u.Revenue ?? (u.UnitPrice is { } up1 ? up1 * u.Units : double.NaN);
                        var price = u.UnitPrice ?? (u.Units > 0 && u.Revenue is { } r ? r / u.Units : double.NaN);
                        row = new DailySalesRow { StoreId = store, ProductId = product, Date = DateOnly.FromDayNumber(day), Units = u.Units, Revenue = revenue, Price = price, Promo = u.Promo ?? false, Closed = u.Closed ?? false, Source = "upload" };
                    }
                    else if (pos.TryGetValue(key, out var a))
                    {
                        var price = a.PricedUnits > 0 ? a.Revenue / a.PricedUnits : double.NaN;
                        row = new DailySalesRow { StoreId = store, ProductId = product, Date = DateOnly.FromDayNumber(day), Units = a.Units, Revenue = a.Revenue, Price = price, Promo = false, Closed = !open, Source = "pos" };
                    }
                    else if (days.GetViewBetween(day - zeroFillLookbackDays, day - 1).Count > 0)
                    {
                        row = new DailySalesRow { StoreId = store, ProductId = product, Date = DateOnly.FromDayNumber(day), Units = 0, Revenue = 0, Price = lastPrice.GetValueOrDefault((store, product), double.NaN), Promo = false, Closed = !open, Source = "zero-fill" };
                    }

                    if (row is null)
                    {
                        continue;
                    }

                    if (double.IsFinite(row.Price) && row.Units > 0)
                    {
                        lastPrice[(store, product)] = row.Price;
                    }

                    if (emit)
                    {
                        rows.Add(row);
                    }
                }
            }
        }

        // Canonical order (date, store, product): byte-identical files whatever the input order.
        rows.Sort((x, y) =>
        {
            var c = x.Date.CompareTo(y.Date);
            c = c != 0 ? c : string.CompareOrdinal(x.StoreId, y.StoreId);
            return c != 0 ? c : string.CompareOrdinal(x.ProductId, y.ProductId);
        });
        return rows;
    }
}
