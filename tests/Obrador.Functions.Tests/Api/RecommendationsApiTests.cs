using System.Net;
using System.Net.Http.Headers;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Api;

[Collection(ServingCollection.Name)]
public sealed class RecommendationsApiTests
{
    private readonly ServingApp _app;

    public RecommendationsApiTests(ServingApp app) => _app = app;

    [Fact]
    public async Task Recommendations_KnownUser_ReturnsPersonalizedTopN()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);
        var user = _app.Seed.Users[0];

        var json = await HttpAssert.JsonAsync(await client.GetAsync($"/api/recommendations/{user}?n=5"));

        Assert.Equal("personalized", json.GetProperty("source").GetString());
        Assert.Equal(ServingSeed.Version, json.GetProperty("servingVersion").GetString());
        Assert.Equal(_app.Seed.RecommendationsByUser[user].Take(5), HttpAssert.Ids(json));
    }

    [Fact]
    public async Task Recommendations_UnknownUser_FallsBackToTrending()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);

        var json = await HttpAssert.JsonAsync(await client.GetAsync("/api/recommendations/C00000-unknown?n=7"));

        Assert.Equal("trending", json.GetProperty("source").GetString());
        Assert.Equal(_app.Seed.Trending7d.Take(7), HttpAssert.Ids(json));
    }

    [Fact]
    public async Task Recommendations_ProductContext_UsesSimilarItemsWithoutTheViewedItem()
    {
        using var client = await _app.ClientAsync(ObradorRoles.StoreManager, "S001");
        var item = _app.Seed.Items[3];

        var json = await HttpAssert.JsonAsync(await client.GetAsync($"/api/recommendations/{_app.Seed.Users[1]}?context=product&itemId={item}&n=10"));

        Assert.Equal("collaborative", json.GetProperty("source").GetString());
        var ids = HttpAssert.Ids(json);
        Assert.DoesNotContain(item, ids);
        Assert.Equal(_app.Seed.SimilarByItem[item].Where(i => i != item).Take(10), ids);
    }

    [Fact]
    public async Task Recommendations_CartContext_MergesSimilarItemsOfTheBasketAndExcludesIt()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);
        var basket = _app.Seed.Items.Take(3).ToList();

        var json = await HttpAssert.JsonAsync(await client.GetAsync($"/api/recommendations/anyone?context=cart&basket={string.Join(',', basket)}&n=20"));

        Assert.Equal("basket", json.GetProperty("source").GetString());
        var ids = HttpAssert.Ids(json);
        Assert.NotEmpty(ids);
        Assert.Empty(ids.Intersect(basket));
        Assert.All(ids, id => Assert.Contains(basket, b => _app.Seed.SimilarByItem[b].Contains(id)));
        var scores = json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Theory]
    [InlineData("?n=0", "n")]
    [InlineData("?n=101", "n")]
    [InlineData("?n=ten", "n")]
    [InlineData("?context=checkout", "context")]
    [InlineData("?context=product", "itemId")]
    [InlineData("?context=cart", "basket")]
    [InlineData("?context=cart&basket=A,B%20C", "basket")]
    [InlineData("?itemId=a%27%20or%20%271%27%20eq%20%271", "itemId")]
    public async Task Recommendations_InvalidParameter_ReturnsProblemNamingIt(string query, string parameter)
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);
        await HttpAssert.ValidationProblemAsync(await client.GetAsync("/api/recommendations/C12345" + query), parameter);
    }

    [Fact]
    public async Task Recommendations_BasketOver50Items_ReturnsProblem()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);
        var basket = string.Join(',', Enumerable.Range(0, 51).Select(i => "I" + i));
        await HttpAssert.ValidationProblemAsync(await client.GetAsync($"/api/recommendations/C1?context=cart&basket={basket}"), "basket");
    }

    [Fact]
    public async Task Similar_KnownAndUnknownItem_AnswersWithSource()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);
        var item = _app.Seed.Items[0];

        var known = await HttpAssert.JsonAsync(await client.GetAsync($"/api/items/{item}/similar?n=3"));
        var unknown = await HttpAssert.JsonAsync(await client.GetAsync("/api/items/NOPE-0/similar"));

        Assert.Equal("collaborative", known.GetProperty("source").GetString());
        Assert.Equal(_app.Seed.SimilarByItem[item].Take(3), HttpAssert.Ids(known));
        Assert.Equal("trending", unknown.GetProperty("source").GetString());
        Assert.Equal(10, HttpAssert.Ids(unknown).Count);
    }

    [Fact]
    public async Task Trending_CategoryAndUnknownCategory_AnswerWithSource()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);

        var lights = await HttpAssert.JsonAsync(await client.GetAsync("/api/trending?category=lights&window=7d&n=5"));
        var unknown = await HttpAssert.JsonAsync(await client.GetAsync("/api/trending?category=nothing&window=30d"));

        Assert.Equal("trending", lights.GetProperty("source").GetString());
        Assert.All(HttpAssert.Ids(lights), id => Assert.StartsWith("2", id));
        Assert.Equal("fallback", unknown.GetProperty("source").GetString());
        Assert.Equal("_all", unknown.GetProperty("category").GetString());
        Assert.Equal(_app.Seed.Trending7d.Take(10), HttpAssert.Ids(unknown));
    }

    [Fact]
    public async Task Trending_BadWindow_ReturnsProblem()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);
        await HttpAssert.ValidationProblemAsync(await client.GetAsync("/api/trending?window=2d"), "window");
    }

    [Fact]
    public async Task Recommendations_RepeatedWithETag_Returns304AndCacheControl()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);
        var url = $"/api/recommendations/{_app.Seed.Users[2]}?n=4";

        var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl?.Private);
        Assert.Equal(TimeSpan.FromSeconds(30), first.Headers.CacheControl?.MaxAge);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag!.Tag));
        var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }
}
