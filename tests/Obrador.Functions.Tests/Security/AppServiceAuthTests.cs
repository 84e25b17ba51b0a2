using System.Net;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Security;

public sealed class AppServiceAuthTests : IClassFixture<AppServiceAuthTests.EasyAuthApp>
{
    private readonly EasyAuthApp _app;

    public AppServiceAuthTests(EasyAuthApp app) => _app = app;

    [Fact]
    public async Task Principal_StoreManager_ReadsOwnStoreOnly()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", AuthenticationTests.Principal("store_manager", "S001"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/forecasts/S001?horizon=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/forecasts/S002?horizon=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/admin/reload", null)).StatusCode);
    }

    [Fact]
    public async Task Principal_Admin_CanReload_AndIsAuditedByName()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", AuthenticationTests.Principal("admin"));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/admin/reload", null)).StatusCode);

        var audit = await _app.Tables.QueryAsync(Obrador.Lake.Serving.ServingTables.Audit, "2026-11-21");
        Assert.Contains(audit.Items, e => e.GetString("Action") == "admin.reload" && e.GetString("Actor") == "aad:ana@example.org");
    }

    [Fact]
    public async Task Principal_WithUnknownRoleOrGarbage_Is401()
    {
        using var unknown = _app.CreateClient();
        unknown.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", AuthenticationTests.Principal("owner"));
        using var garbage = _app.CreateClient();
        garbage.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", "eyJub3QiOiJjbGFpbXMifQ==");

        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync("/api/trending")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await garbage.GetAsync("/api/trending")).StatusCode);
    }

    public sealed class EasyAuthApp : ServingApp
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["Auth:EnableAppServiceAuth"] = "true",
        };
    }
}
