using Obrador.Pipeline.Etl.Gold;
using Obrador.Pipeline.Etl.Silver;
using static Obrador.Pipeline.Tests.Etl.EtlFixtures;

namespace Obrador.Pipeline.Tests.Etl;

public sealed class DailySalesBuilderTests
{
    private static SilverEvent Sale(string id, int day, string product, decimal qty, decimal price, string store = "EDI-01") =>
        Silver(Bronze(id, "pos_sale", Utc(11, day, 12), store: store, product: product, qty: qty, price: price));

    private static SilverUpload Upload(int day, string product, double units, bool? closed = null, double? revenue = null) => new()
    {
        StoreId = "EDI-01", ProductId = product, Date = new DateOnly(2026, 11, day), Units = units, Closed = closed, Revenue = revenue, UploadId = "u", UploadVersion = 1,
    };

    [Fact]
    public void Build_AggregatesLinesPerStoreProductDay()
    {
        var rows = DailySalesBuilder.Build([Sale("a", 10, "BREAD", 2, 1.5m), Sale("b", 10, "BREAD", 1, 3m), Sale("c", 10, "COFFEE", 1, 2m)], [], new(2026, 11, 10), new(2026, 11, 10), 28);

        var bread = rows.Single(r => r.ProductId == "BREAD");
        Assert.Equal((3.0, 6.0, 2.0, "pos"), (bread.Units, bread.Revenue, bread.Price, bread.Source));
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void Build_OpenDayWithoutSaleOfAnActiveProduct_ZeroFilled_UnknownDayNotFilled()
    {
        var lines = new[] { Sale("a", 8, "BREAD", 2, 1.5m), Sale("b", 10, "COFFEE", 1, 2m) };

        var rows = DailySalesBuilder.Build(lines, [], new(2026, 11, 8), new(2026, 11, 11), 28);

        Assert.Equal(
            new[] { ("2026-11-08", "BREAD", 2.0, "pos"), ("2026-11-10", "BREAD", 0.0, "zero-fill"), ("2026-11-10", "COFFEE", 1.0, "pos") },
            rows.Select(r => (r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.ProductId, r.Units, r.Source)));
        Assert.Equal(1.5, rows[1].Price);
    }

    [Fact]
    public void Build_UploadOverridesPosAndClosedDayGetsClosedRows()
    {
        var lines = new[] { Sale("a", 8, "BREAD", 2, 1.5m), Sale("b", 9, "BREAD", 5, 1.5m) };
        var uploads = new[] { Upload(9, "BREAD", 4, revenue: 6), Upload(10, "BREAD", 0, closed: true) };

        var rows = DailySalesBuilder.Build(lines, uploads, new(2026, 11, 9), new(2026, 11, 10), 28);

        Assert.Equal((4.0, 6.0, "upload", false), (rows[0].Units, rows[0].Revenue, rows[0].Source, rows[0].Closed));
        Assert.Equal((0.0, true), (rows[1].Units, rows[1].Closed));
    }
}
