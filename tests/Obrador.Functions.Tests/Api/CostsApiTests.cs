using System.Net;
using System.Net.Http.Json;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;
using Obrador.Lake.Serving;

namespace Obrador.Functions.Tests.Api;

public sealed class CostsApiTests : IClassFixture<ServingApp>
{
    private readonly ServingApp _app;

    public CostsApiTests(ServingApp app) => _app = app;

    [Fact]
    public async Task CostForecast_KnownScope_ReturnsDailyPointsAndSummary()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);
        var sub = _app.Seed.Subscriptions[0];

        var json = await HttpAssert.JsonAsync(await client.GetAsync($"/api/costs/forecast?scope={sub}"));
        var unknown = await HttpAssert.JsonAsync(await client.GetAsync("/api/costs/forecast?scope=nobody"));

        Assert.Equal("forecast", json.GetProperty("source").GetString());
        Assert.Equal(9, json.GetProperty("points").GetArrayLength());
        Assert.Equal("2026-11-22", json.GetProperty("points")[0].GetProperty("date").GetString());
        Assert.True(json.GetProperty("summary").GetProperty("endOfMonth").GetDouble() > 0);
        Assert.Equal("fallback", unknown.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Anomalies_DefaultWindowAndFilters_ReturnMatchingRows()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);

        var all = await HttpAssert.JsonAsync(await client.GetAsync("/api/costs/anomalies"));
        var high = await HttpAssert.JsonAsync(await client.GetAsync("/api/costs/anomalies?from=2026-11-01&to=2026-11-30&severity=high"));

        Assert.Equal(_app.Seed.Anomalies.Count(a => string.CompareOrdinal(a.Id[^2..], "21") <= 0), all.GetProperty("anomalies").GetArrayLength());
        Assert.Equal(_app.Seed.Anomalies.Count(a => a.Severity == "high"), high.GetProperty("anomalies").GetArrayLength());
        Assert.All(high.GetProperty("anomalies").EnumerateArray(), a => Assert.Equal("high", a.GetProperty("severity").GetString()));
    }

    [Theory]
    [InlineData("?severity=urgent", "severity")]
    [InlineData("?status=closed", "status")]
    [InlineData("?from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("?severity=high'%20or%20'1'%20eq%20'1", "severity")]
    public async Task Anomalies_InvalidParameter_ReturnsProblem(string query, string parameter)
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);
        await HttpAssert.ValidationProblemAsync(await client.GetAsync("/api/costs/anomalies" + query), parameter);
    }

    [Fact]
    public async Task PatchAnomaly_Acknowledge_UpdatesRowInvalidatesListAndAudits()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);
        var (month, id, _) = _app.Seed.Anomalies[0];
        var before = await HttpAssert.JsonAsync(await client.GetAsync("/api/costs/anomalies?status=acknowledged&from=2026-11-01&to=2026-11-30"));

        var patched = await HttpAssert.JsonAsync(await client.PatchAsJsonAsync($"/api/costs/anomalies/{id}", new { status = "acknowledged", note = "known batch job" }));
        var after = await HttpAssert.JsonAsync(await client.GetAsync("/api/costs/anomalies?status=acknowledged&from=2026-11-01&to=2026-11-30"));

        Assert.Equal("acknowledged", patched.GetProperty("status").GetString());
        Assert.Equal("known batch job", patched.GetProperty("note").GetString());
        Assert.Equal(before.GetProperty("anomalies").GetArrayLength() + 1, after.GetProperty("anomalies").GetArrayLength());
        var row = await _app.Tables.GetAsync(ServingTables.CostAnomalies, month, id);
        Assert.Equal("acknowledged", row!.GetString("Status"));
        var audit = await _app.Tables.QueryAsync(ServingTables.Audit, "2026-11-21");
        Assert.Contains(audit.Items, e => e.GetString("Action") == "anomaly.acknowledged" && e.GetString("Detail")!.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PatchAnomaly_ResolvedBackToAcknowledged_Conflicts()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Admin);
        var (month, id, _) = _app.Seed.Anomalies[1];

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/costs/anomalies/{id}", new { status = "resolved", month })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PatchAsJsonAsync($"/api/costs/anomalies/{id}", new { status = "acknowledged", month })).StatusCode);
    }

    [Fact]
    public async Task PatchAnomaly_UnknownIdBadStatusWrongRole_AnswerProblems()
    {
        using var analyst = await _app.ClientAsync(ObradorRoles.Analyst);
        using var service = await _app.ClientAsync(ObradorRoles.Service);

        Assert.Equal(HttpStatusCode.NotFound, (await analyst.PatchAsJsonAsync("/api/costs/anomalies/a-none", new { status = "resolved" })).StatusCode);
        await HttpAssert.ValidationProblemAsync(await analyst.PatchAsJsonAsync("/api/costs/anomalies/a-none", new { status = "deleted" }), "status");
        await HttpAssert.ValidationProblemAsync(await analyst.PatchAsJsonAsync("/api/costs/anomalies/a-none", new { status = "resolved", month = "2026-1" }), "month");
        Assert.Equal(HttpStatusCode.Forbidden, (await service.PatchAsJsonAsync($"/api/costs/anomalies/{_app.Seed.Anomalies[0].Id}", new { status = "resolved" })).StatusCode);
    }

    [Fact]
    public async Task PatchAnomaly_MalformedJson_Returns400Problem()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);
        using var content = new StringContent("{\"status\": ", System.Text.Encoding.UTF8, "application/json");

        var response = await client.PatchAsync($"/api/costs/anomalies/{_app.Seed.Anomalies[0].Id}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TagSuggestions_MinConfidence_FiltersAndSorts()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Analyst);
        var sub = _app.Seed.Subscriptions.First(s => s == "11353890204" || s.Length > 0);

        var all = await HttpAssert.JsonAsync(await client.GetAsync($"/api/tags/suggestions?subscription={sub}&minConfidence=0"));
        var confident = await HttpAssert.JsonAsync(await client.GetAsync($"/api/tags/suggestions?subscription={sub}&minConfidence=0.9"));

        var conf = confident.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("confidence").GetDouble()).ToList();
        Assert.All(conf, c => Assert.True(c >= 0.9));
        Assert.Equal(conf.OrderByDescending(c => c), conf);
        Assert.True(all.GetProperty("suggestions").GetArrayLength() >= conf.Count);
        await HttpAssert.ValidationProblemAsync(await client.GetAsync($"/api/tags/suggestions?subscription={sub}&minConfidence=1.5"), "minConfidence");
        await HttpAssert.ValidationProblemAsync(await client.GetAsync("/api/tags/suggestions"), "subscription");
    }

    [Fact]
    public async Task Costs_StoreManager_IsForbidden()
    {
        using var client = await _app.ClientAsync(ObradorRoles.StoreManager, "S001");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/costs/forecast")).StatusCode);
    }
}
