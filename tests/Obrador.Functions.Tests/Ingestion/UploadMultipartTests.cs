using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Obrador.Functions.Security;
using Obrador.Functions.Tests.Infrastructure;

namespace Obrador.Functions.Tests.Ingestion;

/// <summary>Malformed multipart bodies through the whole app: a 400 problem naming <c>file</c>, never a 500.</summary>
[Collection(ServingCollection.Name)]
public sealed class UploadMultipartTests
{
    private readonly ServingApp _app;

    public UploadMultipartTests(ServingApp app) => _app = app;

    [Theory]
    [InlineData("multipart/form-data", "hello")]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nfecha,tienda,producto,cantidad\n2026-09-01,t1,pan,5\n")]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc")]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"")]
    public async Task PostUpload_MalformedMultipart_Returns400NamingFile(string contentType, string body)
    {
        using var client = await _app.ClientAsync(ObradorRoles.Admin);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await client.PostAsync("/api/uploads", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("file", problem.GetProperty("field").GetString());
        Assert.StartsWith("the multipart/form-data body cannot be read: ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
