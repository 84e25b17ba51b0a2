using System.Net;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Api;

public sealed class OutageTests : IClassFixture<ServingApp>
{
    private readonly ServingApp _app;

    public OutageTests(ServingApp app) => _app = app;

    [Fact]
    public async Task TableStoreDown_HealthIs503Unhealthy_ReadsAre503Problems_CachedAnswersStillServe()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Service);
        var cachedUrl = $"/api/recommendations/{_app.Seed.Users[0]}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(cachedUrl)).StatusCode);

        _app.Counting.Unreachable = true;
        try
        {
            _app.Time.Advance(TimeSpan.FromSeconds(5));
            var health = await client.GetAsync("/api/health");
            var body = await HttpAssert.JsonAsync(health, HttpStatusCode.ServiceUnavailable);
            var cached = await client.GetAsync(cachedUrl);
            var uncached = await client.GetAsync("/api/forecasts/S001?product=X&horizon=28");

            Assert.Equal("unhealthy", body.GetProperty("status").GetString());
            Assert.Equal("Unavailable", body.GetProperty("stores")[0].GetProperty("error").GetString());
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, uncached.StatusCode);
            Assert.Equal("application/problem+json", uncached.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("simulated", await uncached.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            _app.Counting.Unreachable = false;
        }
    }
}
