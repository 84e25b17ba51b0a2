using System.Net;
using System.Text.Json;

namespace Obrador.Functions.Tests.Demo;

/// <summary>The main job end to end: every endpoint family answers with real values computed from the demo's data.</summary>
public sealed class DemoEndToEndTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public void Pipeline_SmallSample_SucceedsThroughPublish()
    {
        Assert.True(demo.Run.Succeeded, demo.Run.Summary.Error);
        Assert.Contains(demo.Run.Stages, s => s.Stage == "publish");
        Assert.Equal(demo.Sample.Events.Count, demo.Events.Accepted);
        Assert.Equal(0, demo.Events.Rejected);
    }

    [Fact]
    public async Task Forecasts_KnownStoreAndProduct_HasOrderedQuantilesAtEveryHorizon()
    {
        using var client = demo.Client(demo.ManagerKey);
        foreach (var horizon in new[] { 1, 7, 28 })
        {
            var body = await GetJsonAsync(client, $"/api/forecasts/{demo.Sample.Known.Store}?product={demo.Sample.Known.Product}&horizon={horizon}");
            var points = body.GetProperty("points").EnumerateArray().ToList();
            Assert.NotEmpty(points);
            foreach (var p in points)
            {
                var (p10, p50, p90) = (p.GetProperty("p10").GetDouble(), p.GetProperty("p50").GetDouble(), p.GetProperty("p90").GetDouble());
                Assert.True(p10 <= p50 && p50 <= p90, $"h{horizon}: {p10} {p50} {p90}");
            }

            // Baguettes sell ~60 a day in MAD01: a forecast near zero or in the thousands is wrong.
            Assert.InRange(points[0].GetProperty("p50").GetDouble(), 10, 400);
        }
    }

    [Fact]
    public async Task Forecasts_ManagerOfAnotherStore_IsForbidden()
    {
        using var client = demo.Client(demo.ManagerKey);
        var response = await client.GetAsync(new Uri("/api/forecasts/BCN01?horizon=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Accuracy_PerHorizon_IsReported()
    {
        using var client = demo.Client(demo.AdminKey);
        var body = await GetJsonAsync(client, $"/api/forecasts/{demo.Sample.Known.Store}/accuracy");
        var horizons = body.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("horizon").GetInt32()).ToHashSet();
        Assert.Superset(new HashSet<int> { 1, 7, 28 }, horizons);
    }

    [Fact]
    public async Task Recommendations_UserWithPurchases_ExcludesPurchasedItems()
    {
        var purchases = demo.Sample.Events.Where(e => e.Type == "purchase").GroupBy(e => e.User!).OrderByDescending(g => g.Count()).First();
        var bought = purchases.Select(e => e.Item).ToHashSet(StringComparer.OrdinalIgnoreCase);
        using var client = demo.Client(demo.AdminKey);
        var body = await GetJsonAsync(client, $"/api/recommendations/{purchases.Key}?n=10");
        Assert.Equal("personalized", body.GetProperty("source").GetString());
        var items = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(items);
        Assert.DoesNotContain(items, bought.Contains);
    }

    [Fact]
    public async Task Recommendations_UnknownUser_FallsBackToTrending()
    {
        using var client = demo.Client(demo.AdminKey);
        var body = await GetJsonAsync(client, "/api/recommendations/never-seen-user?n=5");
        Assert.NotEqual("personalized", body.GetProperty("source").GetString());
        Assert.NotEmpty(body.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task SimilarAndTrending_KnownItem_AreNotEmpty()
    {
        var item = demo.Sample.Events.Where(e => e.Type == "purchase").GroupBy(e => e.Item).OrderByDescending(g => g.Count()).First().Key;
        using var client = demo.Client(demo.AdminKey);
        var similar = await GetJsonAsync(client, $"/api/items/{item}/similar?n=5");
        Assert.NotEmpty(similar.GetProperty("items").EnumerateArray());
        var trending = await GetJsonAsync(client, "/api/trending?window=30d&n=5");
        Assert.NotEmpty(trending.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task CostAnomalies_InjectedSpike_IsFound()
    {
        var day = demo.Sample.Known.AnomalyDate!.Value;
        using var client = demo.Client(demo.AdminKey);
        var body = await GetJsonAsync(client, $"/api/costs/anomalies?from={day.AddDays(-3):yyyy-MM-dd}&to={day.AddDays(3):yyyy-MM-dd}");
        var anomalies = body.GetProperty("anomalies").EnumerateArray().ToList();
        Assert.Contains(anomalies, a =>
            a.GetProperty("date").GetString() == day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            && (a.GetProperty("scope").GetString() ?? string.Empty).Contains(demo.Sample.Known.AnomalyScope!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CostForecastAndTagSuggestions_AreServed()
    {
        using var client = demo.Client(demo.AdminKey);
        var forecast = await GetJsonAsync(client, "/api/costs/forecast");
        Assert.NotEmpty(forecast.GetProperty("points").EnumerateArray());
        var tags = await GetJsonAsync(client, "/api/tags/suggestions?subscription=0000-demo&minConfidence=0");
        Assert.NotEmpty(tags.GetProperty("suggestions").EnumerateArray());
    }

    [Fact]
    public async Task RunsModelsHealth_DescribeTheRun()
    {
        using var client = demo.Client(demo.AdminKey);
        var runs = await GetJsonAsync(client, "/api/runs");
        Assert.Contains(runs.GetProperty("runs").EnumerateArray(), r => r.GetProperty("id").GetString() == demo.Run.Summary.Run.RunId);
        var models = await GetJsonAsync(client, "/api/models");
        Assert.NotEmpty(models.GetProperty("models").EnumerateArray());
        var health = await GetJsonAsync(client, "/api/health");
        Assert.Equal(demo.Run.Summary.Run.ServingVersion, health.GetProperty("servingVersion").GetString());
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
