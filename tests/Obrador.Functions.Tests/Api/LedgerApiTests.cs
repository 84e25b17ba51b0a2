using System.Net;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Api;

[Collection(ServingCollection.Name)]
public sealed class LedgerApiTests
{
    private readonly ServingApp _app;

    public LedgerApiTests(ServingApp app) => _app = app;

    [Fact]
    public async Task Runs_NewestFirstWithLimit()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);

        var json = await HttpAssert.JsonAsync(await client.GetAsync("/api/runs?n=2"));

        Assert.Equal(["r20261121T020000Z", "r20261120T020000Z"], json.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("failed", json.GetProperty("runs")[1].GetProperty("status").GetString());
        Assert.Equal("ledger", json.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Run_KnownId_ReturnsStagesWithQualityReport()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);

        var json = await HttpAssert.JsonAsync(await client.GetAsync($"/api/runs/{ServingSeed.RunId}"));

        var stages = json.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(5, stages.Count);
        var gate = stages.Single(s => s.GetProperty("stage").GetString() == "quality.gate");
        Assert.Equal(12, gate.GetProperty("quality").GetProperty("checks").GetInt32());
        Assert.Equal("2026-11-18", stages.Single(s => s.GetProperty("stage").GetString() == "etl.silver").GetProperty("partition").GetString());
    }

    [Fact]
    public async Task Run_UnknownOrInvalidId_Returns404Or400()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/runs/r19990101T000000Z")).StatusCode);
        await HttpAssert.ValidationProblemAsync(await client.GetAsync("/api/runs/bad%20id"), "id");
        await HttpAssert.ValidationProblemAsync(await client.GetAsync("/api/runs?n=1000"), "n");
    }

    [Fact]
    public async Task Models_ListsVersionsNewestFirstWithMetrics()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);

        var json = await HttpAssert.JsonAsync(await client.GetAsync("/api/models"));
        var one = await HttpAssert.JsonAsync(await client.GetAsync("/api/models?name=sales-forecast"));

        var models = json.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["4", "3", "2"], models.Select(m => m.GetProperty("version").GetString()));
        Assert.Equal("champion", models[1].GetProperty("role").GetString());
        Assert.Equal(0.84, models[0].GetProperty("metrics").GetProperty("mase").GetDouble(), 6);
        Assert.Equal(3, one.GetProperty("models").GetArrayLength());
    }

    [Fact]
    public async Task Ledger_StoreManager_IsForbidden()
    {
        using var client = await _app.ClientAsync(ObradorRoles.StoreManager, "*");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/forecasts/S002?product=X")).StatusCode);
    }
}
