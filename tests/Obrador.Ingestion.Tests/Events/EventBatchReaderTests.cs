using System.Text;
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
    public void ReadEventHubInvocation_NoBinding_ThrowsIngestionException(string body)
    {
        var e = Assert.Throws<IngestionException>(() => EventBatchReader.ReadEventHubInvocation(Encoding.UTF8.GetBytes(body), "events", SampleEvents.Now));
        Assert.Equal("invocation.malformed", e.Code);
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
        Assert.Equal(",{\"c\":", Encoding.UTF8.GetString(events[2].Json.Span));
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
