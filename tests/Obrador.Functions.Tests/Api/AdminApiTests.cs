using System.Globalization;
using System.Net;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Tests.Api;

public sealed class AdminApiTests : IClassFixture<ServingApp>
{
    private readonly ServingApp _app;

    public AdminApiTests(ServingApp app) => _app = app;

    [Fact]
    public async Task PublishRollbackReload_InvalidateCachedAnswersAndAreAudited()
    {
        using var reader = await _app.ClientAsync(ObradorRoles.Service);
        using var admin = await _app.ClientAsync(ObradorRoles.Admin);
        var user = _app.Seed.Users[5];
        var url = $"/api/recommendations/{user}?n=3";

        var first = await HttpAssert.JsonAsync(await reader.GetAsync(url));
        Assert.Equal(ServingSeed.Version, first.GetProperty("servingVersion").GetString());

        // Publish: a new version is written beside the old one, then the pointer flips.
        const string next = "v20261122T020000Z";
        await _app.Tables.UpsertAsync(ServingTables.Recommendations, new TableEntity(ServingTables.VersionedKey(next, user), "top")
        {
            ["Items"] = "[{\"id\":\"NEW1\",\"score\":9},{\"id\":\"NEW2\",\"score\":8}]",
            ["Source"] = "personalized",
        });
        await _app.Tables.UpsertAsync(ServingTables.ServingVersion, new TableEntity("serving", "current") { ["Version"] = next, ["Previous"] = ServingSeed.Version, ["PublishedAt"] = _app.Time.GetUtcNow() });

        var stillCached = await HttpAssert.JsonAsync(await reader.GetAsync(url));
        Assert.Equal(ServingSeed.Version, stillCached.GetProperty("servingVersion").GetString());

        _app.Time.Advance(TimeSpan.FromSeconds(31));
        var published = await HttpAssert.JsonAsync(await reader.GetAsync(url));
        Assert.Equal(next, published.GetProperty("servingVersion").GetString());
        Assert.Equal(["NEW1", "NEW2"], HttpAssert.Ids(published));

        var rollback = await HttpAssert.JsonAsync(await admin.PostAsync("/api/admin/rollback", null));
        Assert.Equal(ServingSeed.Version, rollback.GetProperty("servingVersion").GetString());
        Assert.Equal(next, rollback.GetProperty("previousVersion").GetString());
        var rolledBack = await HttpAssert.JsonAsync(await reader.GetAsync(url));
        Assert.Equal(ServingSeed.Version, rolledBack.GetProperty("servingVersion").GetString());
        Assert.Equal(_app.Seed.RecommendationsByUser[user].Take(3), HttpAssert.Ids(rolledBack));
        var pointer = await _app.Tables.GetAsync(ServingTables.ServingVersion, "serving", "current");
        Assert.Equal(ServingSeed.Version, pointer!.GetString("Version"));
        Assert.Equal(next, pointer.GetString("Previous"));

        // Someone edits the pointer behind the app's back; reload picks it up at once.
        await _app.Tables.UpsertAsync(ServingTables.ServingVersion, new TableEntity("serving", "current") { ["Version"] = next });
        var reload = await HttpAssert.JsonAsync(await admin.PostAsync("/api/admin/reload", null));
        Assert.Equal(next, reload.GetProperty("servingVersion").GetString());
        Assert.Equal(["NEW1", "NEW2"], HttpAssert.Ids(await HttpAssert.JsonAsync(await reader.GetAsync(url))));

        var audit = await _app.Tables.QueryAsync(ServingTables.Audit, _app.Time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Contains(audit.Items, e => e.GetString("Action") == "admin.rollback" && e.GetInt64("Status") == 200);
        Assert.Contains(audit.Items, e => e.GetString("Action") == "admin.reload");
    }

    [Fact]
    public async Task Admin_NonAdminRoles_AreForbidden()
    {
        foreach (var role in new[] { ObradorRoles.Analyst, ObradorRoles.Service, ObradorRoles.StoreManager })
        {
            using var client = role == ObradorRoles.StoreManager ? await _app.ClientAsync(role, "S001") : await _app.ClientAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/admin/rollback", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/admin/reload", null)).StatusCode);
        }
    }
}
