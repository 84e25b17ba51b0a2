using System.Net;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Security;

[Collection(ServingCollection.Name)]
public sealed class InjectionTests
{
    private static readonly string[] Hostile =
    [
        "x' or 'a' eq 'a",
        "S001') or (PartitionKey ne '",
        "../../etc/passwd",
        "..\\..\\windows",
        "a\0b",
        "a\n",
        "a\r\nX-Injected: 1",
        new string('a', 65),
        "a*",
        "$filter=true",
        "a b",
        "ü",
    ];

    private static readonly (string Template, string Parameter)[] Routes =
    [
        ("/api/recommendations/{0}", "userId"),
        ("/api/recommendations/C1?context=product&itemId={0}", "itemId"),
        ("/api/recommendations/C1?context=cart&basket=85123A,{0}", "basket"),
        ("/api/items/{0}/similar", "itemId"),
        ("/api/trending?category={0}", "category"),
        ("/api/forecasts/{0}", "storeId"),
        ("/api/forecasts/S001?product={0}", "product"),
        ("/api/forecasts/{0}/accuracy", "storeId"),
        ("/api/costs/forecast?scope={0}", "scope"),
        ("/api/tags/suggestions?subscription={0}", "subscription"),
        ("/api/runs/{0}", "id"),
        ("/api/models?name={0}", "name"),
    ];

    private readonly ServingApp _app;

    public InjectionTests(ServingApp app) => _app = app;

    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        for (var r = 0; r < Routes.Length; r++)
        {
            for (var h = 0; h < Hostile.Length; h++)
            {
                // A NUL in the path cannot be sent through the test server (and Kestrel rejects it at the protocol level).
                if (Hostile[h].Contains('\0', StringComparison.Ordinal) && InPath(Routes[r].Template))
                {
                    continue;
                }

                data.Add(r, h);
            }
        }

        return data;
    }

    private static bool InPath(string template)
    {
        var query = template.IndexOf('?', StringComparison.Ordinal);
        return query < 0 || template.IndexOf("{0}", StringComparison.Ordinal) < query;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryIdParameter_HostileValue_IsRejectedByNameBeforeAnyRead(int route, int hostile)
    {
        using var client = await _app.ClientAsync(ObradorRoles.Admin);
        var (template, parameter) = Routes[route];
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Uri.EscapeDataString(Hostile[hostile]));

        var response = await client.GetAsync(url);

        await HttpAssert.ValidationProblemAsync(response, parameter);
    }

    [Fact]
    public async Task PatchAnomaly_HostileId_IsRejectedByName()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Admin);
        foreach (var hostile in Hostile.Where(h => !h.Contains('\0', StringComparison.Ordinal)))
        {
            using var content = new StringContent("{\"status\":\"resolved\"}", System.Text.Encoding.UTF8, "application/json");
            await HttpAssert.ValidationProblemAsync(await client.PatchAsync("/api/costs/anomalies/" + Uri.EscapeDataString(hostile), content), "id");
        }
    }

    [Fact]
    public async Task DotDotId_IsOnlyAKey_AnswersFallback()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Admin);

        var json = await HttpAssert.JsonAsync(await client.GetAsync("/api/forecasts/S001?product=.."));

        Assert.Equal("fallback", json.GetProperty("source").GetString());
    }

    [Fact]
    public async Task EncodedSlashInPath_DoesNotEscapeTheRoute()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Admin);

        var response = await client.GetAsync("/api/recommendations/..%2F..%2Fadmin%2Frollback");

        await HttpAssert.ValidationProblemAsync(response, "userId");
    }
}
