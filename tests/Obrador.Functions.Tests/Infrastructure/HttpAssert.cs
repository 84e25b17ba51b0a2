using System.Net;
using System.Text.Json;

namespace Obrador.Functions.Tests.Infrastructure;

/// <summary>Reads JSON answers and checks RFC 7807 problem details.</summary>
internal static class HttpAssert
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name <paramref name="parameter"/>.</summary>
    public static async Task ValidationProblemAsync(HttpResponseMessage response, string parameter)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.True(json.GetProperty("errors").TryGetProperty(parameter, out _), $"errors do not name '{parameter}': {json}");
    }

    public static List<string> Ids(JsonElement json, string property = "items") =>
        json.GetProperty(property).EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
}
