using System.Net;
using System.Reflection;
using System.Reflection.Emit;
using System.Security.Cryptography;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Security;

[Collection(ServingCollection.Name)]
public sealed class LimitsTests
{
    private readonly ServingApp _app;

    public LimitsTests(ServingApp app) => _app = app;

    [Fact]
    public async Task OversizedApiKeyHeader_IsRejectedWithoutLookup()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", "k" + new string('a', 20_000) + ".x");
        var reads = _app.Counting.PointReads;

        var response = await client.GetAsync("/api/trending");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(reads, _app.Counting.PointReads);
    }

    [Fact]
    public async Task DuplicateApiKeyHeaders_AreRejected()
    {
        var key = await _app.KeyAsync(ObradorRoles.Admin);
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", [key, key]);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/trending")).StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Returns413Problem()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Admin);
        using var content = new StringContent("{\"status\":\"resolved\",\"note\":\"" + new string('x', 20_000) + "\"}", System.Text.Encoding.UTF8, "application/json");

        var response = await client.PatchAsync($"/api/costs/anomalies/{_app.Seed.Anomalies[0].Id}", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("body", problem.RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task EventsOverDeclaredLimit_Returns413ProblemNamingBody_BeforeTheEndpointReadsIt()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Admin);
        using var content = new ByteArrayContent(new byte[5 * 1024 * 1024]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync("/api/events", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("body", problem.RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task BodyOnGet_OverLimit_Returns413()
    {
        using var client = await _app.ClientAsync(ObradorRoles.Admin);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/trending") { Content = new ByteArrayContent(new byte[64 * 1024]) };

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public void KeyComparison_UsesFixedTimeEquals()
    {
        var calls = CalledMethods(typeof(ApiKeyHasher).GetMethod(nameof(ApiKeyHasher.Verify), BindingFlags.Static | BindingFlags.Public)!);

        Assert.Contains(calls, m => m.DeclaringType == typeof(CryptographicOperations) && m.Name == nameof(CryptographicOperations.FixedTimeEquals));
        Assert.DoesNotContain(calls, m => m.Name is "SequenceEqual" or "Equals");
    }

    [Fact]
    public void KeyHash_IsPbkdf2Sha256OfTheSecret()
    {
        var salt = new byte[16];
        var expected = Rfc2898DeriveBytes.Pbkdf2("secret-value-123456"u8.ToArray(), salt, 1000, HashAlgorithmName.SHA256, 32);

        Assert.Equal(expected, ApiKeyHasher.Hash("secret-value-123456", salt, 1000));
        Assert.True(ApiKeyHasher.Verify("secret-value-123456", salt, expected, 1000));
        Assert.False(ApiKeyHasher.Verify("secret-value-123457", salt, expected, 1000));
    }

    private static List<MethodBase> CalledMethods(MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var found = new List<MethodBase>();
        for (var i = 0; i < il.Length - 4; i++)
        {
            if (il[i] == OpCodes.Call.Value || il[i] == OpCodes.Callvirt.Value)
            {
                try
                {
                    if (method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1)) is { } m)
                    {
                        found.Add(m);
                        i += 4;
                    }
                }
                catch (ArgumentException)
                {
                    // Not a method token at this offset (an operand byte that happens to equal the opcode).
                }
            }
        }

        return found;
    }
}
