using Obrador.Ingestion.Bronze;
using Obrador.Pipeline.Etl.Silver;
using static Obrador.Pipeline.Tests.Etl.EtlFixtures;

namespace Obrador.Pipeline.Tests.Etl;

public sealed class SilverTransformsTests
{
    [Theory]
    [InlineData("FR-01", 11, 20, 23, 30, "2026-11-21")] // Paris is UTC+1 in November: 00:30 local next day
    [InlineData("FR-01", 11, 20, 22, 59, "2026-11-20")]
    [InlineData("EDI-01", 11, 20, 23, 30, "2026-11-20")] // London is UTC+0 in November
    [InlineData("NYC-01", 11, 21, 3, 0, "2026-11-20")] // New York is UTC-5: 22:00 the previous day
    [InlineData("EDI-01", 7, 1, 23, 30, "2026-07-02")] // London summer time UTC+1
    public void FromBronze_StoreTimeZone_GivesLocalBusinessDate(string store, int month, int day, int hour, int minute, string expected)
    {
        var e = Silver(Bronze("e1", "pos_sale", Utc(month, day, hour, minute), store: store, product: "p1", qty: 1));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), e.BusinessDate);
        Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
    }

    [Fact]
    public void FromBronze_Ids_TrimmedUpperCasedAndMapped()
    {
        var e = Silver(Bronze(" e1 ", "pos_sale", Utc(11, 20, 10), store: " fr-01", product: "baguette-old ", qty: 2, user: " U7 "));

        Assert.Equal(("e1", "FR-01", "BAGUETTE", "U7"), (e.EventId, e.StoreId, e.ProductId, e.UserId));
    }

    [Fact]
    public void FromBronze_PayloadWithDescription_ExtractsItemText()
    {
        var e = Silver(Bronze("e1", "view", Utc(11, 20, 10), user: "u1", item: "85123a", payload: "{\"data\":{\"description\":\" WHITE HANGING HEART \",\"category\":\"gift\"}}"));

        Assert.Equal(("85123A", "WHITE HANGING HEART", "gift"), (e.ItemId, e.Description, e.Category));
    }

    [Theory]
    [InlineData("pos_sale", "pos_sales")]
    [InlineData("inventory_snapshot", "inventory")]
    [InlineData("purchase", "events")]
    [InlineData("view", "events")]
    public void EntityOf_RoutesByType(string type, string entity) => Assert.Equal(entity, SilverTransforms.EntityOf(type));

    [Fact]
    public void NewestUploads_NewerVersionWinsAndTombstonedUploadIsExcluded()
    {
        static BronzeSale Row(string upload, long version, string product, decimal units) => new()
        {
            UploadId = upload, UploadVersion = version, RowNumber = 1, StoreId = "fr-01", ProductId = product, Date = new DateOnly(2026, 11, 1), Units = units,
        };
        var rows = new[] { Row("a", 1, "p1", 5), Row("b", 2, "p1", 7), Row("c", 3, "p1", 9), Row("a", 1, "p2", 4) };

        var silver = SilverTransforms.NewestUploads(rows, new HashSet<string> { "c" }, Ids);

        Assert.Equal(new[] { ("P1", 7.0, "b"), ("P2", 4.0, "a") }, silver.Select(s => (s.ProductId, s.Units, s.UploadId)));
    }

    [Fact]
    public void CanonicalTags_SortsKeysAndToleratesJunk()
    {
        Assert.Equal("{\"a\":\"1\",\"b\":\"x\"}", SilverTransforms.CanonicalTags("{\"b\":\"x\",\"a\":1}"));
        Assert.Equal("{}", SilverTransforms.CanonicalTags("not json"));
        Assert.Equal("{}", SilverTransforms.CanonicalTags(null));
    }

    [Theory]
    [InlineData("actual", 2.5)]
    [InlineData("focus", 2.5)]
    [InlineData("amortized", 0)]
    [InlineData("unknown", 0)]
    public void FromBronze_BillingCostType_OnlyActualAndFocusCountAsBilledCost(string costType, double billed)
    {
        var row = new BronzeBillingRow
        {
            File = "billing-exports/ea/x.csv", RowNumber = 1, SourceFormat = "EA", CostType = costType, Scope = "s", Period = "20230901-20230930",
            Date = new DateOnly(2023, 9, 4), Cost = 2.5m, Tags = "{}", Columns = "{}",
        };

        var s = SilverTransforms.FromBronze(row)!;

        Assert.Equal((billed, 2.5), (s.Cost, s.EffectiveCost));
    }
}
