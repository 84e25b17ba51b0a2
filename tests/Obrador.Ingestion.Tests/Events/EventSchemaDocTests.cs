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

    [Fact]
    public void Schema_RequiredFieldsAndBounds_AreEnforcedByParser()
    {
        // For every event type: each field the schema requires, removed, and each bound it states, crossed, is
        // rejected by the parser naming that field; so the schema cannot promise what the parser does not check.
        var parser = new EventParser(new EventValidationOptions(), new FixedTime(SampleEvents.Now));
        var checkedTypes = new HashSet<string>();
        var total = 0;
        for (var n = 0; n < 6; n++)
        {
            var valid = System.Text.Json.Nodes.JsonNode.Parse(SampleEvents.Valid(new Random(n), n))!.AsObject();
            var type = valid["event_type"]!.GetValue<string>();
            var data = DataSchema(type);
            var cases = new List<(string Field, System.Text.Json.Nodes.JsonObject Event)>();
            foreach (var field in Schema.GetProperty("required").EnumerateArray().Select(f => f.GetString()!))
            {
                cases.Add((field, Without(valid, field, inData: false)));
            }

            foreach (var field in data.GetProperty("required").EnumerateArray().Select(f => f.GetString()!).Where(f => valid["data"]!.AsObject().ContainsKey(f)))
            {
                cases.Add((field, Without(valid, field, inData: true)));
            }

            foreach (var (field, kind) in data.GetProperty("properties").EnumerateObject().Select(p => (p.Name, p.Value.TryGetProperty("$ref", out var r) ? r.GetString()![(r.GetString()!.LastIndexOf('/') + 1)..] : null)))
            {
                if (valid["data"]!.AsObject().ContainsKey(field) && kind is not null)
                {
                    var bad = Schema.GetProperty("$defs").GetProperty(kind);
                    object outOfBounds = kind switch
                    {
                        "id" => "has space",
                        "currency" => "eur",
                        _ => bad.GetProperty("maximum").GetDecimal() + 1,
                    };
                    var copy = valid.DeepClone().AsObject();
                    copy["data"]![field] = outOfBounds is string text ? System.Text.Json.Nodes.JsonValue.Create(text) : System.Text.Json.Nodes.JsonValue.Create((decimal)outOfBounds);
                    cases.Add((field, copy));
                    if (kind is "quantity" or "price")
                    {
                        var negative = valid.DeepClone().AsObject();
                        negative["data"]![field] = -1;
                        cases.Add((field, negative));

                        // And the bounds themselves are accepted: the parser is no stricter than the schema.
                        foreach (var limit in new[] { bad.GetProperty("minimum").GetDecimal(), bad.GetProperty("maximum").GetDecimal() })
                        {
                            var atBound = valid.DeepClone().AsObject();
                            atBound["data"]![field] = limit;
                            Assert.True(Parse(parser, atBound).Rejection is null, $"{type}: {field} = {limit} was rejected");
                        }
                    }
                }
            }

            Assert.Null(Parse(parser, valid).Rejection);
            total += cases.Count;
            foreach (var (field, e) in cases)
            {
                var rejection = Parse(parser, e).Rejection;
                Assert.True(rejection is not null, $"{type}: {e.ToJsonString()} was accepted");
                Assert.Contains(field, rejection!.Field, StringComparison.Ordinal);
            }

            checkedTypes.Add(type);
        }

        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), checkedTypes.Order(StringComparer.Ordinal));
        Assert.True(total >= 70, $"{total} cases"); // 36 envelope, 18 data fields, 23 bounds with today's schema
    }

    private static (object? Row, EventRejection? Rejection) Parse(EventParser parser, System.Text.Json.Nodes.JsonObject e)
    {
        var row = parser.Parse(new RawEvent(Encoding.UTF8.GetBytes(e.ToJsonString()), 0, SampleEvents.Now), 0, "0", SampleEvents.Now, out var rejection);
        return (row, rejection);
    }

    private static System.Text.Json.Nodes.JsonObject Without(System.Text.Json.Nodes.JsonObject e, string field, bool inData)
    {
        var copy = e.DeepClone().AsObject();
        (inData ? copy["data"]!.AsObject() : copy).Remove(field);
        return copy;
    }

    // The object schema of `data` for an event type, from the schema's if/then branches (purchase: its first allOf part).
    private static JsonElement DataSchema(string type)
    {
        foreach (var branch in Schema.GetProperty("allOf").EnumerateArray())
        {
            var condition = branch.GetProperty("if").GetProperty("properties").GetProperty("event_type");
            var matches = condition.TryGetProperty("const", out var c) ? c.GetString() == type : condition.GetProperty("enum").EnumerateArray().Any(v => v.GetString() == type);
            if (matches)
            {
                var data = branch.GetProperty("then").GetProperty("properties").GetProperty("data");
                return data.TryGetProperty("allOf", out var parts) ? parts[0] : data;
            }
        }

        throw new InvalidOperationException("no schema branch for " + type);
    }
}
