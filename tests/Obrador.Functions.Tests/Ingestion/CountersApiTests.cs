using System.Net;
using System.Text;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Ingestion;

/// <summary>The live counters' read routes over what the event door wrote and the fold folded.</summary>
public sealed class CountersApiTests
{
    private static string Purchase(string id, string at, string item1, int units1, string item2) =>
        $"{{\"event_id\":\"{id}\",\"event_type\":\"purchase\",\"occurred_at\":\"{at}\",\"source\":\"web\",\"schema_version\":1," +
        $"\"data\":{{\"user_id\":\"u1\",\"currency\":\"EUR\",\"basket\":[{{\"item_id\":\"{item1}\",\"quantity\":{units1},\"price\":1.5}},{{\"item_id\":\"{item2}\",\"quantity\":1,\"price\":2}}]}}}}";

    private static string Sale(string id, string at, string store, string product, int units) =>
        $"{{\"event_id\":\"{id}\",\"event_type\":\"pos_sale\",\"occurred_at\":\"{at}\",\"source\":\"till-1\",\"schema_version\":1," +
        $"\"data\":{{\"store_id\":\"{store}\",\"product_id\":\"{product}\",\"ticket_id\":\"t-{id}\",\"quantity\":{units},\"unit_price\":1.2,\"currency\":\"EUR\"}}}}";

    private static string Snapshot(string id, string at, string store, string product, int onHand) =>
        $"{{\"event_id\":\"{id}\",\"event_type\":\"inventory_snapshot\",\"occurred_at\":\"{at}\",\"source\":\"till-1\",\"schema_version\":1," +
        $"\"data\":{{\"store_id\":\"{store}\",\"product_id\":\"{product}\",\"on_hand\":{onHand}}}}}";

    [Fact]
    public async Task Counters_AfterEventsAndAFold_ServeTheDaysTopItemsAndTheStoresStock()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var today = "2026-11-21T08:00:00Z";
        string[] events =
        [
            Purchase("e1", today, "croissant", 4, "baguette"),
            Purchase("e2", today, "croissant", 1, "rye"),
            Sale("e3", today, "s01", "baguette", 2),
            Sale("e4", today, "s01", "rye", 6),
            Snapshot("e5", "2026-11-21T06:00:00Z", "s01", "rye", 30),
            Sale("e6", "2026-11-20T17:00:00Z", "s01", "rye", 1),
            Sale("e7", today, "s02", "rye", 1),
        ];
        var posted = await host.Client.PostAsync("/api/events", new StringContent(string.Join('\n', events), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(7, (await HttpAssert.JsonAsync(posted)).GetProperty("accepted").GetInt32());

        // Nothing is visible before the fold: the hook only appends to the delta log.
        Assert.Empty((await HttpAssert.JsonAsync(await host.Client.GetAsync("/api/counters/trending"))).GetProperty("items").EnumerateArray());
        await host.Client.PostAsync("/FoldCounters", new StringContent("{\"Data\":{},\"Metadata\":{}}", Encoding.UTF8, "application/json"));

        var trending = await HttpAssert.JsonAsync(await host.Client.GetAsync("/api/counters/trending?n=3"));
        Assert.Equal("2026-11-21", trending.GetProperty("day").GetString());
        Assert.Equal(3, trending.GetProperty("itemsCounted").GetInt32());
        var items = trending.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetString(), i.GetProperty("count").GetInt64(), i.GetProperty("units").GetDouble())).ToList();
        Assert.Equal([("rye", 3L, 8.0), ("croissant", 2L, 5.0), ("baguette", 2L, 3.0)], items);

        var yesterday = await HttpAssert.JsonAsync(await host.Client.GetAsync("/api/counters/trending?date=2026-11-20"));
        Assert.Equal("rye", Assert.Single(yesterday.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        var stock = await HttpAssert.JsonAsync(await host.Client.GetAsync("/api/counters/inventory/s01"));
        Assert.Equal("s01", stock.GetProperty("storeId").GetString());
        var products = stock.GetProperty("products").EnumerateArray().Select(p => (p.GetProperty("productId").GetString(), p.GetProperty("onHand").GetDouble())).ToList();

        // The 06:00 count of 30 rye less the 6 sold at 08:00; the sale the day before came before the count.
        Assert.Equal([("baguette", -2.0), ("rye", 24.0)], products);
        Assert.Empty((await HttpAssert.JsonAsync(await host.Client.GetAsync("/api/counters/inventory/s99"))).GetProperty("products").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/counters/trending?date=2026-13-01", "date")]
    [InlineData("/api/counters/trending?date=1999-12-31", "date")]
    [InlineData("/api/counters/trending?date=2026-11-22", "date")]
    [InlineData("/api/counters/trending?n=0", "n")]
    [InlineData("/api/counters/trending?n=101", "n")]
    [InlineData("/api/counters/trending?n=ten", "n")]
    [InlineData("/api/counters/inventory/s%2001", "storeId")]
    public async Task Counters_BadParameter_Returns400NamingIt(string url, string parameter)
    {
        await using var host = await IngestionTestHost.StartAsync();

        await HttpAssert.ValidationProblemAsync(await host.Client.GetAsync(url), parameter);
    }
}

/// <summary>Who may read the live counters: any role the day's trending, a store manager only its own stores' stock.</summary>
[Collection(ServingCollection.Name)]
public sealed class CountersApiAuthTests
{
    private readonly ServingApp _app;

    public CountersApiAuthTests(ServingApp app) => _app = app;

    [Fact]
    public async Task Counters_StoreManager_ReadsTrendingAndOwnStoreStockOnly()
    {
        using var client = await _app.ClientAsync(ObradorRoles.StoreManager, "S001");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/counters/trending")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/counters/inventory/S001")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/counters/inventory/S002")).StatusCode);
    }

    [Fact]
    public async Task Counters_WithoutKey_Are401()
    {
        using var client = _app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/counters/trending")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/counters/inventory/S001")).StatusCode);
    }
}
