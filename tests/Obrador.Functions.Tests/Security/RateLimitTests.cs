using System.Net;
using System.Text;
using Obrador.Functions.Security;
using Obrador.Testing;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Security;

public sealed class RateLimitTests : IClassFixture<RateLimitTests.TightApp>
{
    private readonly TightApp _app;

    public RateLimitTests(TightApp app) => _app = app;

    [Fact]
    public async Task Key_OverItsBucket_Gets429WithRetryAfter_OtherKeysDoNot()
    {
        using var first = await _app.ClientAsync(ObradorRoles.Service);
        using var second = await _app.ClientAsync(ObradorRoles.Analyst);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await first.GetAsync("/api/trending")).StatusCode);
        }

        var limited = await first.GetAsync("/api/trending");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/trending")).StatusCode);
    }

    [Fact]
    public async Task TriggerInvocations_BeyondTheBucket_AreNeverLimited()
    {
        // The host paces trigger calls itself; throttling /IngestEvents would only make it retry the same batch.
        using var host = await _app.ClientAsync(ObradorRoles.Service);
        var invocation = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Obrador.Ingestion.Tests", "data", "eventhub", "invocation-objects.json"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var body = new StringContent(invocation, Encoding.UTF8, "application/json");
            statuses.Add((await host.PostAsync("/IngestEvents", body)).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 12), statuses);
    }

    public sealed class TightApp : ServingApp
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["RateLimit:TokenLimit"] = "5",
            ["RateLimit:TokensPerPeriod"] = "1",
            ["RateLimit:ReplenishmentPeriod"] = "01:00:00",
        };
    }
}
