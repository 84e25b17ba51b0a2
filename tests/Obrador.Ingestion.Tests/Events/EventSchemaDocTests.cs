using System.Text;
using System.Text.Json;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Tests.Support;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Events;

/// <summary>Keeps docs/events.schema.json true to the parser.</summary>
public sealed class EventSchemaDocTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "events.schema.json"))).RootElement;

    [Fact]
    public void Schema_EventTypeEnum_MatchesEventTypes()
    {
        var types = Schema.GetProperty("properties").GetProperty("event_type").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(EventTypes.All, types);
    }

    [Fact]
    public void Schema_Examples_AcceptedByParser()
    {
        var parser = new EventParser(new EventValidationOptions(), new FixedTime(SampleEvents.Now));
        foreach (var example in Schema.GetProperty("examples").EnumerateArray())
        {
            var row = parser.Parse(new RawEvent(Encoding.UTF8.GetBytes(example.GetRawText()), 0, SampleEvents.Now), 0, "0", SampleEvents.Now, out var rejection);
            Assert.Null(rejection);
            Assert.NotNull(row);
        }
    }
}
