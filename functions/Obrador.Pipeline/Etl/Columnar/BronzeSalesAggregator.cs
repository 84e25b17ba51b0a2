using System.Runtime.InteropServices;
using NodaTime;
using Obrador.Pipeline.Etl.Gold;

namespace Obrador.Pipeline.Etl.Columnar;

/// <summary>
/// The columnar bronze → daily sales kernel: feeds on Parquet column batches of till lines, deduplicates on
/// <c>event_id</c> (the earliest <c>enqueued_at</c> copy wins), and sums units and revenue per store × product ×
/// business date. Equivalent to silver dedup + <see cref="DailySalesBuilder"/> for till lines without uploads and
/// zero-fill, without materialising a record per row.
/// </summary>
/// <remarks>
/// Business dates use the store's tzdb zone with a per-store cache of the current zone interval, so a conversion is a
/// range check and an add instead of a time-zone lookup. Memory: one dictionary entry and 32 bytes per distinct event.
/// Not thread safe; one instance per aggregation.
/// </remarks>
public sealed class BronzeSalesAggregator
{
    private readonly Dictionary<string, int> _slots;
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly List<string> _nameList = [];
    private readonly Dictionary<int, ZoneCache> _zones = new();
    private readonly DateTimeZone _defaultZone;
    private readonly Dictionary<string, DateTimeZone> _storeZones = new(StringComparer.Ordinal);
    private Slot[] _data;
    private int _count;

    /// <summary>Creates an aggregator.</summary>
    /// <param name="options">Store time zones (validated).</param>
    /// <param name="expectedEvents">Capacity hint (distinct events).</param>
    public BronzeSalesAggregator(EtlOptions options, int expectedEvents = 1024)
    {
        options.Validate();
        _defaultZone = DateTimeZoneProviders.Tzdb[options.DefaultTimeZone];
        foreach (var (store, zone) in options.StoreTimeZones)
        {
            _storeZones[store.Trim().ToUpperInvariant()] = DateTimeZoneProviders.Tzdb[zone];
        }

        _slots = new Dictionary<string, int>(expectedEvents, StringComparer.Ordinal);
        _data = new Slot[Math.Max(expectedEvents, 16)];
    }

    /// <summary>Rows offered so far.</summary>
    public long InputRows { get; private set; }

    /// <summary>Rows dropped as duplicates so far.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Adds one batch of till lines (rows whose type is not <c>pos_sale</c> or lacking store/product are skipped).</summary>
    /// <param name="eventIds">event_id.</param>
    /// <param name="eventTypes">event_type.</param>
    /// <param name="occurredAt">occurred_at, UTC.</param>
    /// <param name="enqueuedAt">enqueued_at, UTC.</param>
    /// <param name="stores">store_id (already normalised ids, or raw: they are upper-cased).</param>
    /// <param name="products">product_id.</param>
    /// <param name="quantities">quantity.</param>
    /// <param name="quantityNulls">Null mask of quantity (<c>true</c> = null → 1 unit); empty when none is null.</param>
    /// <param name="prices">price.</param>
    /// <param name="priceNulls">Null mask of price (<c>true</c> = unpriced); empty when none is null.</param>
    /// <exception cref="ArgumentException">Spans of different lengths.</exception>
    public void Add(
        ReadOnlySpan<string?> eventIds,
        ReadOnlySpan<string?> eventTypes,
        ReadOnlySpan<DateTime> occurredAt,
        ReadOnlySpan<DateTime> enqueuedAt,
        ReadOnlySpan<string?> stores,
        ReadOnlySpan<string?> products,
        ReadOnlySpan<decimal> quantities,
        ReadOnlySpan<bool> quantityNulls,
        ReadOnlySpan<decimal> prices,
        ReadOnlySpan<bool> priceNulls)
    {
        var n = eventIds.Length;
        if (eventTypes.Length != n || occurredAt.Length != n || enqueuedAt.Length != n || stores.Length != n || products.Length != n || quantities.Length != n || prices.Length != n
            || (quantityNulls.Length != 0 && quantityNulls.Length != n) || (priceNulls.Length != 0 && priceNulls.Length != n))
        {
            throw new ArgumentException("All columns must have the same length.", nameof(eventIds));
        }

        InputRows += n;
        for (var i = 0; i < n; i++)
        {
            var id = eventIds[i];
            var store = stores[i];
            var product = products[i];
            if (id is null || store is null || product is null || !string.Equals(eventTypes[i], "pos_sale", StringComparison.Ordinal))
            {
                continue;
            }

            var storeId = Intern(store);
            var slot = new Slot
            {
                Store = storeId,
                Product = Intern(product),
                Day = Day(storeId, occurredAt[i].Ticks),
                Enqueued = enqueuedAt[i].Ticks,
                Quantity = quantityNulls.Length != 0 && quantityNulls[i] ? 1 : (double)quantities[i],
                Price = priceNulls.Length != 0 && priceNulls[i] ? double.NaN : (double)prices[i],
            };
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, id, out var exists);
            if (exists)
            {
                Duplicates++;
                if (slot.Enqueued < _data[index].Enqueued)
                {
                    _data[index] = slot;
                }

                continue;
            }

            if (_count == _data.Length)
            {
                Array.Resize(ref _data, _data.Length * 2);
            }

            index = _count;
            _data[_count++] = slot;
        }
    }

    /// <summary>The bronze columns <see cref="Add(Parquet.ColumnBatch)"/> reads (a projection for the Parquet reader).</summary>
    public static IReadOnlyList<string> Columns { get; } = ["event_id", "event_type", "occurred_at", "enqueued_at", "store_id", "product_id", "quantity", "price"];

    /// <summary>Adds a batch read from a bronze events file (columns of <see cref="Columns"/>, bronze schema v1).</summary>
    /// <exception cref="KeyNotFoundException">A column is missing.</exception>
    /// <exception cref="InvalidCastException">A column has another type than the bronze schema's.</exception>
    public void Add(Parquet.ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var quantity = batch["quantity"];
        var price = batch["price"];
        Add(
            batch.Get<string?>("event_id"),
            batch.Get<string?>("event_type"),
            batch.Get<DateTime>("occurred_at"),
            batch.Get<DateTime>("enqueued_at"),
            batch.Get<string?>("store_id"),
            batch.Get<string?>("product_id"),
            quantity.As<decimal>(),
            quantity.Nulls,
            price.As<decimal>(),
            price.Nulls);
    }

    /// <summary>The daily rows, in (date, store, product) order; <c>Source</c> is <c>pos</c>.</summary>
    public IReadOnlyList<DailySalesRow> Result()
    {
        var sums = new Dictionary<(int Store, int Product, int Day), (double Units, double Revenue, double PricedUnits)>();
        for (var i = 0; i < _count; i++)
        {
            ref readonly var s = ref _data[i];
            ref var a = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, (s.Store, s.Product, s.Day), out _);
            a.Units += s.Quantity;
            if (!double.IsNaN(s.Price))
            {
                a.Revenue += s.Quantity * s.Price;
                a.PricedUnits += s.Quantity;
            }
        }

        var rows = new List<DailySalesRow>(sums.Count);
        foreach (var ((store, product, day), a) in sums)
        {
            rows.Add(new DailySalesRow
            {
                StoreId = _nameList[store],
                ProductId = _nameList[product],
                Date = DateOnly.FromDayNumber(day),
                Units = a.Units,
                Revenue = a.Revenue,
                Price = a.PricedUnits > 0 ? a.Revenue / a.PricedUnits : double.NaN,
                Promo = false,
                Closed = false,
                Source = "pos",
            });
        }

        rows.Sort((x, y) =>
        {
            var c = x.Date.CompareTo(y.Date);
            c = c != 0 ? c : string.CompareOrdinal(x.StoreId, y.StoreId);
            return c != 0 ? c : string.CompareOrdinal(x.ProductId, y.ProductId);
        });
        return rows;
    }

    private int Intern(string raw)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_names, raw, out var exists);
        if (!exists)
        {
            id = _nameList.Count;
            _nameList.Add(raw.Trim().ToUpperInvariant());
        }

        return id;
    }

    // DayNumber of the local date: utc ticks + the offset of the zone interval containing them (cached per store).
    private int Day(int store, long utcTicks)
    {
        if (!_zones.TryGetValue(store, out var cache) || utcTicks < cache.Start || utcTicks >= cache.End)
        {
            var zone = _storeZones.GetValueOrDefault(_nameList[store], _defaultZone);
            var interval = zone.GetZoneInterval(Instant.FromUnixTimeTicks(utcTicks - DateTime.UnixEpoch.Ticks));
            cache = new ZoneCache(
                interval.HasStart ? interval.Start.ToUnixTimeTicks() + DateTime.UnixEpoch.Ticks : long.MinValue,
                interval.HasEnd ? interval.End.ToUnixTimeTicks() + DateTime.UnixEpoch.Ticks : long.MaxValue,
                interval.WallOffset.Ticks);
            _zones[store] = cache;
        }

        return (int)((utcTicks + cache.Offset) / TimeSpan.TicksPerDay);
    }

    private readonly record struct ZoneCache(long Start, long End, long Offset);

    private struct Slot
    {
        public int Store;
        public int Product;
        public int Day;
        public long Enqueued;
        public double Quantity;
        public double Price;
    }
}
