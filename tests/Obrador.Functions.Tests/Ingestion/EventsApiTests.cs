using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Obrador.Functions.Ingestion;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Testing;

namespace Obrador.Functions.Tests.Ingestion;

public sealed class EventsApiTests
{
    private static string Event(string id, string at = "2026-11-21T09:00:00Z") =>
        $"{{\"event_id\":\"{id}\",\"event_type\":\"view\",\"occurred_at\":\"{at}\",\"source\":\"web\",\"schema_version\":1,\"data\":{{\"user_id\":\"u1\",\"item_id\":\"i1\"}}}}";

    private static StringContent Json(string body, string mediaType = "application/json") => new(body, Encoding.UTF8, mediaType);

    [Fact]
    public async Task PostEvents_MixedArray_ReportsAcceptedAndRejectedByIndex()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var body = "[" + Event("a") + "," + Event("b", "2031-01-01T00:00:00Z") + ",{\"event_id\":3}," + Event("a") + "]";

        var response = await host.Client.PostAsync("/api/events", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, doc.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(3, doc.RootElement.GetProperty("rejected").GetInt32());
        var rejections = doc.RootElement.GetProperty("rejections").EnumerateArray()
            .Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("code").GetString(), r.GetProperty("field").GetString())).ToList();
        Assert.Equal([(1, "out_of_range", "occurred_at"), (2, "invalid_type", "event_id"), (3, "duplicate_event_id", "event_id")], rejections);
        Assert.Equal(["bronze/events/", "bronze/receipts/", "quarantine/events/"], host.Store.Paths.Select(p => p[..(p.IndexOf('/', p.IndexOf('/') + 1) + 1)]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PostEvents_Ndjson_AcceptsEachLine()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var body = Event("a") + "\n" + Event("b") + "\r\n\n" + "{oops\n";

        var response = await host.Client.PostAsync("/api/events", Json(body, "application/x-ndjson"));

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(result.GetProperty("rejections").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("index").GetInt32());
        Assert.Equal("malformed_json", rejected.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostEvents_PosSale_UpdatesCountersUnlessSwitchedOff(bool counters)
    {
        await using var host = await IngestionTestHost.StartAsync(s =>
            s.AddSingleton(Microsoft.Extensions.Options.Options.Create(new IngestionApiOptions { StreamingCounters = counters })));
        var sale = "{\"event_id\":\"s1\",\"event_type\":\"pos_sale\",\"occurred_at\":\"2026-11-21T09:00:00Z\",\"source\":\"till-1\",\"schema_version\":1," +
            "\"data\":{\"store_id\":\"s01\",\"product_id\":\"p1\",\"ticket_id\":\"t1\",\"quantity\":3,\"unit_price\":1.2,\"currency\":\"EUR\"}}";

        var response = await host.Client.PostAsync("/api/events", Json("[" + sale + "]"));

        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        await host.Folder.FoldAsync();
        var rows = host.Tables.All(Obrador.Lake.Serving.ServingTables.Counters);
        if (counters)
        {
            var reader = new CounterReader(host.Tables);
            Assert.Equal(new TrendingCount("p1", 1, 3.0), Assert.Single((await reader.TrendingAsync(new DateOnly(2026, 11, 21), 10)).Items));
            Assert.Equal(("p1", -3.0), Assert.Single(await reader.InventoryAsync("s01")) is var level ? (level.ProductId, level.OnHand) : default);
        }
        else
        {
            Assert.Empty(rows);
            Assert.Single(host.Store.Paths, p => p.StartsWith("bronze/events/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task PostEvents_TooManyEvents_Returns413ProblemNamingEvents()
    {
        await using var host = await IngestionTestHost.StartAsync(s => s.Configure<IngestionApiOptions>(o => { }));
        var body = "[" + string.Join(",", Enumerable.Range(0, 1001).Select(i => Event("e" + i))) + "]";

        var response = await host.Client.PostAsync("/api/events", Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("events", problem.GetProperty("field").GetString());
        Assert.Empty(host.Store.Paths);
    }

    [Fact]
    public async Task PostEvents_BodyOverLimit_Returns413ProblemNamingBody()
    {
        await using var host = await IngestionTestHost.StartAsync(s => s.AddSingleton(Microsoft.Extensions.Options.Options.Create(new IngestionApiOptions { MaxEventsBodyBytes = 4096 })));
        var body = "[" + Event("a").Replace("\"web\"", "\"" + new string('w', 10_000) + "\"", StringComparison.Ordinal) + "]";

        var response = await host.Client.PostAsync("/api/events", Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("body", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task PostEvents_WrongMediaType_Returns415()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var response = await host.Client.PostAsync("/api/events", Json(Event("a"), "application/xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task PostEvents_SameBodyTwice_WritesOneFile()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var body = "[" + Event("a") + "]";
        await host.Client.PostAsync("/api/events", Json(body));
        await host.Client.PostAsync("/api/events", Json(body));
        var path = Assert.Single(host.Store.Paths, p => p.StartsWith("bronze/events/", StringComparison.Ordinal));
        Assert.Single(await host.Writer.ReadAsync<BronzeEvent>(path));
        Assert.Equal(2, host.Store.Paths.Count); // and its receipt
    }

    [Fact]
    public async Task IngestEvents_CapturedInvocation_WritesBronzeAndAnswersInvocationResponse()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var fixture = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Obrador.Ingestion.Tests", "data", "eventhub", "invocation-objects.json"));

        var response = await host.Client.PostAsync("/IngestEvents", Json(fixture));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payload = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("2 accepted, 1 quarantined", payload.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("bronze/events/date=2026-11-21/3-5120-5122.parquet", host.Store.Paths);
        Assert.Contains("quarantine/events/date=2026-11-21/3-5120-5122.parquet", host.Store.Paths);
    }

    [Fact]
    public async Task FoldCounters_TimerInvocationAfterIngestion_FoldsTheDeltaLogAndLogsIt()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var fixture = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Obrador.Ingestion.Tests", "data", "eventhub", "invocation-objects.json"));
        await host.Client.PostAsync("/IngestEvents", Json(fixture));
        Assert.DoesNotContain(host.Tables.All(Obrador.Lake.Serving.ServingTables.Counters), r => r.PartitionKey.StartsWith("inventory|", StringComparison.Ordinal));

        var response = await host.Client.PostAsync("/FoldCounters", Json("{\"Data\":{\"timer\":{\"IsPastDue\":false}},\"Metadata\":{}}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payload = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("FoldCounters: 1 delta row(s) folded into ", payload.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        var rows = host.Tables.All(Obrador.Lake.Serving.ServingTables.Counters);
        Assert.DoesNotContain(rows, r => r.PartitionKey == Obrador.Ingestion.Events.StreamingCounters.DeltaPartition);
        Assert.Equal(-3.0, (await new CounterReader(host.Tables).InventoryAsync("s12")).Single(l => l.ProductId == "baguette").OnHand);
    }

    [Fact]
    public async Task IngestEvents_UnreadableInvocation_QuarantinedAndAcknowledged()
    {
        await using var host = await IngestionTestHost.StartAsync();
        var response = await host.Client.PostAsync("/IngestEvents", Json("{\"Data\":"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Assert.Single(host.Store.Paths);
        Assert.StartsWith("quarantine/events/date=2026-11-21/invocation-", path, StringComparison.Ordinal);
        var record = Assert.Single(await host.Writer.ReadAsync<QuarantineRecord>(path));
        Assert.Equal("{\"Data\":", record.Raw);
    }

    [Fact]
    public async Task IngestEvents_StorageDown_Returns500SoTheHostRetries()
    {
        await using var host = await IngestionTestHost.StartAsync();
        host.Store.FailWrites = true;
        var fixture = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Obrador.Ingestion.Tests", "data", "eventhub", "invocation-objects.json"));

        var response = await host.Client.PostAsync("/IngestEvents", Json(fixture));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(host.Store.Paths);
    }
}
