using System.Globalization;
using System.Net;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Api;

[Collection(ServingCollection.Name)]
public sealed class ForecastsApiTests
{
    private readonly ServingApp _app;

    public ForecastsApiTests(ServingApp app) => _app = app;

    [Fact]
    public async Task Forecasts_ProductHorizonAndRange_ReturnsExactlyThoseDaysInOrder()
    {
        using var client = await _app.ClientAsync(ObradorRoles.StoreManager, "S001");
        var product = _app.Seed.Products[0];
        var from = _app.Seed.ForecastStart.AddDays(2);
        var to = from.AddDays(6);

        var json = await HttpAssert.JsonAsync(await client.GetAsync($"/api/forecasts/S001?product={product}&horizon=7&from={D(from)}&to={D(to)}"));

        Assert.Equal("forecast", json.GetProperty("source").GetString());
        Assert.Equal("sales-forecast/3", json.GetProperty("modelVersion").GetString());
        var points = json.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => D(from.AddDays(i))), points.Select(p => p.GetProperty("date").GetString()));
        Assert.All(points, p =>
        {
            Assert.Equal(product, p.GetProperty("product").GetString());
            Assert.Equal(7, p.GetProperty("horizon").GetInt32());
            Assert.True(p.GetProperty("p10").GetDouble() <= p.GetProperty("p50").GetDouble());
            Assert.True(p.GetProperty("p50").GetDouble() <= p.GetProperty("p90").GetDouble());
        });
    }

    [Fact]
    public async Task Forecasts_NoProduct_ReturnsEveryProductForTheHorizon()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);

        var json = await HttpAssert.JsonAsync(await client.GetAsync("/api/forecasts/S002?horizon=28"));

        var points = json.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(_app.Seed.Products.Count * 28, points.Count);
        Assert.Equal(_app.Seed.Products, points.Select(p => p.GetProperty("product").GetString()).Distinct());
        Assert.False(json.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Forecasts_UnknownStore_AnswersFallbackNot500()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);

        var json = await HttpAssert.JsonAsync(await client.GetAsync("/api/forecasts/S999?product=NOPE"));

        Assert.Equal("fallback", json.GetProperty("source").GetString());
        Assert.Empty(json.GetProperty("points").EnumerateArray());
    }

    [Fact]
    public async Task Forecasts_StoreManagerOfAnotherStore_Gets403AndAudit()
    {
        using var client = await _app.ClientAsync(ObradorRoles.StoreManager, "S001");

        var response = await client.GetAsync("/api/forecasts/S002");
        var accuracy = await client.GetAsync("/api/forecasts/S002/accuracy");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, accuracy.StatusCode);
        var audit = await _app.Tables.QueryAsync(Obrador.Lake.Serving.ServingTables.Audit, _app.Time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Contains(audit.Items, e => e.GetString("Action") == "auth.forbidden" && e.GetString("Route") == "/api/forecasts/S002");
    }

    [Theory]
    [InlineData("?horizon=2", "horizon")]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?from=2026-11-10&to=2026-11-01", "to")]
    [InlineData("?from=2020-01-01&to=2026-01-01", "to")]
    [InlineData("?product=a|b", "product")]
    [InlineData("?from=1999-12-31", "from")]
    public async Task Forecasts_InvalidParameter_ReturnsProblemNamingIt(string query, string parameter)
    {
        using var client = await _app.ClientAsync(ObradorRoles.Admin);
        await HttpAssert.ValidationProblemAsync(await client.GetAsync("/api/forecasts/S001" + query), parameter);
    }

    [Fact]
    public async Task Accuracy_StoreAndChainFallback_ReturnMetricsPerHorizon()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);

        var store = await HttpAssert.JsonAsync(await client.GetAsync("/api/forecasts/S001/accuracy"));
        var chain = await HttpAssert.JsonAsync(await client.GetAsync("/api/forecasts/S777/accuracy"));

        Assert.Equal("store", store.GetProperty("source").GetString());
        Assert.Equal([1, 7, 28], store.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("horizon").GetInt32()));
        Assert.Equal(0.79, store.GetProperty("metrics")[0].GetProperty("coverage").GetDouble(), 6);
        Assert.Equal("chain", chain.GetProperty("source").GetString());
        Assert.Equal(3, chain.GetProperty("metrics").GetArrayLength());
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
