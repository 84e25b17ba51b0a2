using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Obrador.Ingestion.Bronze;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Ingestion;

public sealed class BillingTriggerTests
{
    private static string Invocation(string name) => $$$$"""
        {"Data":{"blob":""},"Metadata":{"name":"{{{{name}}}}","BlobTrigger":"billing-exports/{{{{name}}}}","Uri":"http://127.0.0.1:10000/devstoreaccount1/billing-exports/{{{{name}}}}","sys":{"MethodName":"IngestBillingExport","UtcNow":"2026-11-21T12:00:00Z","RandGuid":"7b3c1a8e-1d2f-4d1e-9c53-2b2f1e0c9a11"}}}
        """;

    [Fact]
    public async Task IngestBillingExport_FocusSample_IngestedThenSkipped()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var path = Path.Combine(RepoPaths.SharedData, "focus-sample", "focus_sample.csv");
        await host.Store.PutAsync("billing-exports/focus/20240901-20240930/focus.csv", File.OpenRead(path));

        var first = await host.Client.PostAsync("/IngestBillingExport", new StringContent(Invocation("focus/20240901-20240930/focus.csv"), Encoding.UTF8, "application/json"));
        var second = await host.Client.PostAsync("/IngestBillingExport", new StringContent(Invocation("focus/20240901-20240930/focus.csv"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var log = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Logs")[0].GetString();
        Assert.Contains("Ingested", log, StringComparison.Ordinal);
        Assert.Contains("1000 rows, cost 20.52022672899 file / 20.52022672899 bronze", log, StringComparison.Ordinal);
        Assert.Contains("AlreadyIngested", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Single(host.Store.Paths, p => p.StartsWith(LakePaths.BronzeBillingPrefix + "scope=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestBillingExport_NoName_Returns400ProblemNamingField()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var response = await host.Client.PostAsync("/IngestBillingExport", new StringContent("{\"Data\":{},\"Metadata\":{}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Metadata.name", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}
