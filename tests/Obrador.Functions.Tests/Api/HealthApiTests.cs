using System.Net;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Api;

[Collection(ServingCollection.Name)]
public sealed class HealthApiTests
{
    private readonly ServingApp _app;

    public HealthApiTests(ServingApp app) => _app = app;

    [Fact]
    public async Task Health_Anonymous_ReportsStoresVersionAndFreshness()
    {
        using var client = _app.CreateClient();
        var json = await HttpAssert.JsonAsync(await client.GetAsync("/api/health"));

        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.Equal("embedded", json.GetProperty("storageMode").GetString());
        Assert.Equal(ServingSeed.Version, json.GetProperty("servingVersion").GetString());
        Assert.Equal(ServingSeed.PreviousVersion, json.GetProperty("previousVersion").GetString());
        Assert.True(json.GetProperty("fresh").GetBoolean());
        Assert.Equal(6.0, json.GetProperty("dataAgeHours").GetDouble(), 3);
        var stores = json.GetProperty("stores").EnumerateArray().ToList();
        Assert.Equal(["tables", "objects"], stores.Select(s => s.GetProperty("name").GetString()));
        Assert.All(stores, s => Assert.True(s.GetProperty("reachable").GetBoolean()));
        Assert.False(string.IsNullOrEmpty(json.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Ping_Anonymous_ReturnsConstantBody()
    {
        using var client = _app.CreateClient();
        var response = await client.GetAsync("/api/ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await response.Content.ReadAsStringAsync());
    }
}
