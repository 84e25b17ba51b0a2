using System.Globalization;
using System.Text;
using System.Text.Json;
using Obrador.Ingestion.Events;
using Obrador.Ingestion.Tests.Support;
using Obrador.Testing;

namespace Obrador.Ingestion.Tests.Events;

public sealed class EventBatchReaderTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "Obrador.Ingestion.Tests", "data", "eventhub", name));

    [Fact]
    public void ReadEventHubInvocation_ObjectArray_KeepsPartitionSequenceAndEnqueuedTime()
    {
        var batch = EventBatchReader.ReadEventHubInvocation(Fixture("invocation-objects.json"), "events", SampleEvents.Now);
        Assert.Equal("3", batch.Partition);
        Assert.True(batch.FromEventHub);
        Assert.Equal([5120L, 5121, 5122], batch.Events.Select(e => e.SequenceNumber));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 30, 4, 2, TimeSpan.Zero), batch.Events[1].EnqueuedAt);
        Assert.StartsWith("{\"event_id\":\"pos-0012-77-1\"", Encoding.UTF8.GetString(batch.Events[1].Json.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEventHubInvocation_StringHoldingArrayOfStrings_UnwrapsBodies()
    {
        var batch = EventBatchReader.ReadEventHubInvocation(Fixture("invocation-string-batch.json"), "events", SampleEvents.Now);
        Assert.Equal("0", batch.Partition);
        Assert.Equal(3, batch.Events.Count);
        Assert.StartsWith("{\"event_id\":\"app-1\"", Encoding.UTF8.GetString(batch.Events[0].Json.Span), StringComparison.Ordinal);
        Assert.Equal("not json at all", Encoding.UTF8.GetString(batch.Events[2].Json.Span));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 1, 2, 600, TimeSpan.Zero), batch.Events[1].EnqueuedAt);
    }

    [Fact]
    public void ReadEventHubInvocation_MissingMetadata_FallsBackToDeterministicPartition()
    {
        var body = Encoding.UTF8.GetBytes("{\"Data\":{\"events\":[{\"a\":1},{\"b\":2}]},\"Metadata\":{}}");
        var first = EventBatchReader.ReadEventHubInvocation(body, "events", SampleEvents.Now);
        var again = EventBatchReader.ReadEventHubInvocation(body, "events", SampleEvents.Now.AddHours(1));
        Assert.StartsWith("nometa-", first.Partition, StringComparison.Ordinal);
        Assert.Equal(first.Partition, again.Partition);
        Assert.Equal([0L, 1], first.Events.Select(e => e.SequenceNumber));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"other\":[]}}")]
    [InlineData("{\"Data\":{\"events\":[]}} x")]
    [InlineData("{\"Data\":{\"events\":[{\"a\":1}]},\"Metadata\":{\"x\":[1,}}")]
    [InlineData("")]
    [InlineData("[{\"Data\":{\"events\":[]}}]")]
    public void ReadEventHubInvocation_NotOneObjectWithTheBinding_ThrowsIngestionException(string body)
    {
        var e = Assert.Throws<IngestionException>(() => EventBatchReader.ReadEventHubInvocation(Encoding.UTF8.GetBytes(body), "events", SampleEvents.Now));
        Assert.Equal("invocation.malformed", e.Code);
    }

    /// <summary>
    /// 2,000 generated invocations in the shapes hosts send: names in any case and order, metadata as JSON or as JSON
    /// strings holding it, extra and repeated properties (the first wins), events as objects or strings holding them,
    /// enqueued times with Z, with an offset, without one, or in another format. Every batch must carry exactly the
    /// generated partition, sequence numbers, enqueued times and event bytes.
    /// </summary>
    [Fact]
    public void ReadEventHubInvocation_GeneratedHostShapes_ReadsExactly()
    {
        var rng = new Random(7);
        for (var run = 0; run < 2000; run++)
        {
            var n = rng.Next(1, 12);
            var events = Enumerable.Range(0, n).Select(i => SampleEvents.Valid(rng, i)).ToArray();
            var asStrings = rng.Next(3) == 0;
            var sequences = new long[n];
            sequences[0] = rng.NextInt64(0, 1L << 40);
            for (var i = 1; i < n; i++)
            {
                sequences[i] = sequences[i - 1] + rng.Next(1, 3);
            }

            var times = Enumerable.Range(0, n).Select(i => SampleEvents.Now.AddMilliseconds(-rng.Next(0, 86_400_000))).ToArray();
            string Time(DateTimeOffset t) => rng.Next(4) switch
            {
                0 => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                1 => t.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                2 => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
                _ => t.UtcDateTime.ToString("MM/dd/yyyy HH:mm:ss.fff", CultureInfo.InvariantCulture),
            };
            string Name(string name) => rng.Next(3) switch { 0 => name, 1 => name.ToLowerInvariant(), _ => name.ToUpperInvariant() };
            string MaybeString(string json) => rng.Next(2) == 0 ? json : JsonSerializer.Serialize(json);
            var partition = rng.Next(32).ToString(CultureInfo.InvariantCulture);
            var eventsJson = "[" + string.Join(",", events.Select(e => asStrings ? JsonSerializer.Serialize(e) : e)) + "]";
            var context = $"{{\"EventHubName\":\"events\",\"{Name("PartitionId")}\":\"{partition}\",\"PartitionId\":\"ignored\"}}";
            var metadata = new List<string>
            {
                $"\"{Name("PartitionContext")}\":{MaybeString(context)}",
                $"\"{Name("SequenceNumberArray")}\":{MaybeString("[" + string.Join(",", sequences) + "]")}",
                $"\"{Name("EnqueuedTimeUtcArray")}\":{MaybeString("[" + string.Join(",", times.Select(t => "\"" + Time(t) + "\"")) + "]")}",
                "\"PropertiesArray\":[" + string.Join(",", events.Select(_ => "{\"k\":[1,{\"x\":null}]}")) + "]",
                "\"sys\":{\"MethodName\":\"IngestEvents\",\"UtcNow\":\"2026-11-21T10:01:03.0Z\"}",
            }.OrderBy(_ => rng.Next()).ToList();
            metadata.Add("\"SequenceNumberArray\":[-5]");
            var data = new List<string> { $"\"{Name("events")}\":{eventsJson}", "\"other\":{\"events\":[1]}" }.OrderBy(_ => rng.Next()).Append("\"Events\":[{\"late\":1}]");
            var parts = new List<string> { $"\"{Name("Data")}\":{{{string.Join(",", data)}}}", $"\"{Name("Metadata")}\":{{{string.Join(",", metadata)}}}" }.OrderBy(_ => rng.Next()).ToList();
            parts.Add("\"Data\":{\"events\":[]}");
            var body = Encoding.UTF8.GetBytes("{" + string.Join(",", parts) + "}");

            var batch = EventBatchReader.ReadEventHubInvocation(body, "events", SampleEvents.Now.AddDays(1));

            Assert.Equal(partition, batch.Partition);
            Assert.Equal(sequences, batch.Events.Select(e => e.SequenceNumber));
            Assert.Equal(times, batch.Events.Select(e => e.EnqueuedAt));
            Assert.Equal(events, batch.Events.Select(e => Encoding.UTF8.GetString(e.Json.Span)));
            Assert.All(batch.Events, e => Assert.Null(e.PreRejection));
        }
    }

    [Theory]
    [InlineData("[{\"a\":1},]")]
    [InlineData("[,{\"a\":1}]")]
    [InlineData("[{\"a\":1} {\"b\":2}]")]
    [InlineData("[{\"a\":\"x]}")]
    [InlineData("[{\"a\":\"x\\\"}]}")]
    [InlineData("[{\"a\":1}")]
    [InlineData("[{\"a\":[1,2}]")]
    [InlineData("[{\"a\":1}}]")]
    public void ReadEventHubInvocation_EventsArrayBroken_ThrowsIngestionException(string events)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"Data\":{{\"events\":{events}}},\"Metadata\":{{\"SequenceNumberArray\":[1]}}}}");
        var e = Assert.Throws<IngestionException>(() => EventBatchReader.ReadEventHubInvocation(body, "events", SampleEvents.Now));
        Assert.Equal("invocation.malformed", e.Code);
    }

    [Fact]
    public void ReadEventHubInvocation_OneEventMalformedInside_SplitsItAloneAndParserRejectsIt()
    {
        var rng = new Random(3);
        string[] events = [SampleEvents.Valid(rng, 0), "{\"event_id\":}", SampleEvents.Valid(rng, 2)];
        var body = Encoding.UTF8.GetBytes($"{{\"Data\":{{\"events\":[{string.Join(",", events)}]}},\"Metadata\":{{\"PartitionContext\":{{\"PartitionId\":\"3\"}},\"SequenceNumberArray\":[10,11,12]}}}}");

        var batch = EventBatchReader.ReadEventHubInvocation(body, "events", SampleEvents.Now);

        Assert.Equal(events, batch.Events.Select(e => Encoding.UTF8.GetString(e.Json.Span)));
        Assert.Equal([10L, 11, 12], batch.Events.Select(e => e.SequenceNumber));
        var parser = new EventParser(new EventValidationOptions(), new FixedTime(SampleEvents.Now));
        var results = batch.Events.Select((e, i) => (Row: parser.Parse(e, i, "3", SampleEvents.Now, out var rejection), Rejection: rejection)).ToList();
        Assert.NotNull(results[0].Row);
        Assert.Equal("malformed_json", results[1].Rejection!.Code);
        Assert.NotNull(results[2].Row);
    }

    /// <summary>
    /// 1,000 generated event arrays of arbitrary JSON values (nested objects and arrays, strings holding brackets,
    /// commas, escaped quotes and backslashes, \u escapes, any whitespace between tokens): the events must be exactly the
    /// elements Utf8JsonReader finds, and the metadata after the array must still be read.
    /// </summary>
    [Fact]
    public void ReadEventHubInvocation_GeneratedJsonValues_SplitsAsTheReaderDoes()
    {
        var rng = new Random(11);
        string Blank() => rng.Next(3) switch { 0 => "", 1 => " ", _ => new string([.. Enumerable.Range(0, rng.Next(1, 4)).Select(_ => " \t\r\n"[rng.Next(4)])]) };
        string Str()
        {
            string[] pieces = ["a", "{", "}", "[", "]", ",", ":", "\\\"", "\\\\", "\\u005d", "\\n", "é", "€", " "];
            return "\"" + string.Concat(Enumerable.Range(0, rng.Next(0, 6)).Select(_ => pieces[rng.Next(pieces.Length)])) + "\"";
        }

        string Value(int depth) => rng.Next(depth > 3 ? 4 : 6) switch
        {
            0 => Str(),
            1 => rng.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture) + (rng.Next(2) == 0 ? ".5e2" : ""),
            2 => new[] { "true", "false", "null" }[rng.Next(3)],
            3 => Str(),
            4 => "[" + Blank() + string.Join("," + Blank(), Enumerable.Range(0, rng.Next(0, 4)).Select(_ => Value(depth + 1) + Blank())) + "]",
            _ => Obj(depth + 1),
        };

        string Obj(int depth) => "{" + Blank() + string.Join("," + Blank(), Enumerable.Range(0, rng.Next(0, 4)).Select(_ => Str() + Blank() + ":" + Blank() + Value(depth) + Blank())) + "}";

        for (var run = 0; run < 1000; run++)
        {
            var n = rng.Next(0, 8);
            var elements = Enumerable.Range(0, n).Select(_ => rng.Next(4) == 0 ? Value(1) : Obj(1)).ToArray();
            var array = "[" + Blank() + string.Join("," + Blank(), elements.Select(e => e + Blank())) + "]";
            var sequences = string.Join(",", Enumerable.Range(0, n).Select(i => (100 + i).ToString(CultureInfo.InvariantCulture)));
            var body = Encoding.UTF8.GetBytes($"{{\"Data\":{Blank()}{{\"events\":{Blank()}{array}{Blank()},\"x\":{Obj(1)}}}{Blank()},\"Metadata\":{{\"PartitionContext\":{{\"PartitionId\":\"1\"}},\"SequenceNumberArray\":[{sequences}]}}}}");

            var batch = EventBatchReader.ReadEventHubInvocation(body, "events", SampleEvents.Now);

            var expected = new List<string>();
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(array));
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                var isString = reader.TokenType == JsonTokenType.String;
                var text = isString ? reader.GetString()! : null;
                reader.Skip();
                expected.Add(text ?? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(array).AsSpan(start, (int)reader.BytesConsumed - start)));
            }

            Assert.Equal(expected, batch.Events.Select(e => Encoding.UTF8.GetString(e.Json.Span)));
            Assert.Equal(n == 0 ? [] : Enumerable.Range(100, n).Select(i => (long)i), batch.Events.Select(e => e.SequenceNumber));
            Assert.Equal("1", batch.Partition);
            Assert.All(batch.Events, e => Assert.Equal(elements[(int)e.SequenceNumber - 100][0] is '{' or '"', e.PreRejection is null));
        }
    }

    [Fact]
    public void ReadEventHubInvocation_BindingNotAnArray_KeepsItAsOnePreRejectedEvent()
    {
        var batch = EventBatchReader.ReadEventHubInvocation(Encoding.UTF8.GetBytes("{\"Data\":{\"events\":{\"a\":[1,2]}}}"), "events", SampleEvents.Now);
        var only = Assert.Single(batch.Events);
        Assert.Equal("{\"a\":[1,2]}", Encoding.UTF8.GetString(only.Json.Span));
        Assert.Contains("neither an array", only.PreRejection, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitHttpBody_ArrayWithBomAndWhitespace_SplitsExactElementBytes()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(" \n[ {\"a\": [1, {\"b\":2}]} ,\n {\"c\":\"]\"} ]\n")).ToArray();
        var events = EventBatchReader.SplitHttpBody(body, SampleEvents.Now);
        Assert.Equal(["{\"a\": [1, {\"b\":2}]}", "{\"c\":\"]\"}"], events.Select(e => Encoding.UTF8.GetString(e.Json.Span)));
        Assert.All(events, e => Assert.Null(e.PreRejection));
    }

    [Fact]
    public void SplitHttpBody_TruncatedArray_KeepsGoodPrefixAndRejectsRest()
    {
        var events = EventBatchReader.SplitHttpBody(Encoding.UTF8.GetBytes("[{\"a\":1},{\"b\":2},{\"c\":"), SampleEvents.Now);
        Assert.Equal(3, events.Count);
        Assert.Null(events[1].PreRejection);
        Assert.NotNull(events[2].PreRejection);
        Assert.Equal("{\"c\":", Encoding.UTF8.GetString(events[2].Json.Span));
        Assert.Contains("element 2 starting at byte 17 is not closed", events[2].PreRejection, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"a\":1} {\"b\":2}]", 1, "expected ',' or ']' after element 0 at byte 9")]
    [InlineData("[{\"a\":1},,{\"b\":2}]", 1, "expected an element at byte 9")]
    [InlineData("[{\"a\":1},{\"b\":\"x]}", 1, "element 1 starting at byte 9 is not closed")]
    [InlineData("[{\"a\":1,}, {\"b\":2}]", 2, null)]
    public void SplitHttpBody_BrokenArrayStructure_KeepsElementsBeforeTheBreak(string body, int count, string? problem)
    {
        var events = EventBatchReader.SplitHttpBody(Encoding.UTF8.GetBytes(body), SampleEvents.Now);
        Assert.Equal(count + (problem is null ? 0 : 1), events.Count);
        Assert.All(events.Take(count), e => Assert.Null(e.PreRejection));
        if (problem is not null)
        {
            Assert.Contains(problem, events[^1].PreRejection, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SplitHttpBody_TrailingGarbage_Reported()
    {
        var events = EventBatchReader.SplitHttpBody(Encoding.UTF8.GetBytes("[{\"a\":1}] trailing"), SampleEvents.Now);
        Assert.Equal(2, events.Count);
        Assert.Contains("after the array", events[1].PreRejection, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitHttpBody_Ndjson_UsesLineNumbersAndSkipsBlankLines()
    {
        var events = EventBatchReader.SplitHttpBody(Encoding.UTF8.GetBytes("{\"a\":1}\r\n\r\n{\"b\":2}\n{bad\n"), SampleEvents.Now);
        Assert.Equal([0L, 2, 3], events.Select(e => e.SequenceNumber));
        Assert.Equal("{\"b\":2}", Encoding.UTF8.GetString(events[1].Json.Span));
    }
}
