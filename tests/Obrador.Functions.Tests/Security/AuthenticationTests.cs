using System.Net;
using System.Text;
using System.Text.Json;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;
using Obrador.Lake.Serving;

namespace Obrador.Functions.Tests.Security;

[Collection(ServingCollection.Name)]
public sealed class AuthenticationTests
{
    private readonly ServingApp _app;

    public AuthenticationTests(ServingApp app) => _app = app;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Recommendations_MissingOrWrongKey_Returns401ProblemAndAudits(string? key)
    {
        using var client = _app.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", key);
        }

        var response = await client.GetAsync("/api/recommendations/C1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var audit = await _app.Tables.QueryAsync(ServingTables.Audit, _app.Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(audit.Items, e => e.GetString("Action") == "auth.failed" && e.GetString("Route") == "/api/recommendations/C1");
    }

    [Fact]
    public async Task Key_WithOneSecretCharacterChanged_IsRejected()
    {
        var key = await _app.KeyAsync(ObradorRoles.Analyst);
        var tampered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/trending")).StatusCode);
    }

    [Fact]
    public async Task ApiKeys_StoredOnlyAsSaltedHash()
    {
        var key = await _app.KeyAsync(ObradorRoles.Admin);
        var keyId = key.Split('.')[0];
        var secret = key.Split('.')[1];

        var row = await _app.Tables.GetAsync(ServingTables.ApiKeys, "key", keyId);

        Assert.NotNull(row);
        Assert.DoesNotContain(row!.Properties.Values, v => v is string s && s.Contains(secret, StringComparison.Ordinal));
        Assert.Equal(16, row.GetBinary("Salt")!.Length);
        Assert.Equal(32, row.GetBinary("Hash")!.Length);
        Assert.Equal(ApiKeyHasher.Hash(secret, row.GetBinary("Salt")!, (int)row.GetInt64("Iterations")!.Value), row.GetBinary("Hash"));
    }

    [Fact]
    public async Task AppServicePrincipal_WhenDisabled_IsIgnored()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Principal("admin"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/trending")).StatusCode);
    }

    [Fact]
    public void AppServicePrincipal_Decode_MapsKnownRolesAndStores()
    {
        var principal = AppServicePrincipal.TryDecode(Principal("store_manager", "S001,S002"), "t");

        Assert.NotNull(principal);
        Assert.True(principal!.IsInRole(ObradorRoles.StoreManager));
        Assert.Equal(["S001", "S002"], principal.FindAll(ObradorClaims.Store).Select(c => c.Value));
        Assert.Null(AppServicePrincipal.TryDecode(Principal("superuser"), "t"));
        Assert.Null(AppServicePrincipal.TryDecode("%%%not-base64", "t"));
    }

    internal static string Principal(string role, string? stores = null)
    {
        var claims = new List<object> { new { typ = "name", val = "ana@example.org" }, new { typ = "roles", val = role } };
        if (stores is not null)
        {
            claims.Add(new { typ = "obrador_stores", val = stores });
        }

        var json = JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
