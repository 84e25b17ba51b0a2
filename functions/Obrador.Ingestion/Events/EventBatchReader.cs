using System.Text;
using System.Text.Json;
using System.Runtime.InteropServices;
using Obrador.Ingestion.Bronze;

namespace Obrador.Ingestion.Events;

/// <summary>
/// Splits delivered bytes into <see cref="RawEvent"/>s without judging them: a JSON array (RFC 8259), NDJSON
/// (one JSON value a line), or the Functions host's Event Hub invocation payload.
/// </summary>
/// <remarks>
/// Splitting never throws for bad content. A malformed element is returned as it is, for the parser to reject on its
/// own; a body whose array structure breaks half-way yields the elements before the break plus one pre-rejected
/// <see cref="RawEvent"/> holding the unreadable rest, so nothing is lost and the good part goes through. Thread safe
/// (stateless).
/// </remarks>
public static class EventBatchReader
{
    /// <summary>Splits an HTTP body: a JSON array when its first non-blank byte is <c>[</c>, otherwise NDJSON.</summary>
    /// <param name="body">Request body (a UTF-8 BOM is skipped).</param>
    /// <param name="receivedAt">When the request arrived, stored as <c>enqueued_at</c>.</param>
    /// <returns>Events with their 0-based index as sequence number (for NDJSON, the 0-based line number).</returns>
    public static IReadOnlyList<RawEvent> SplitHttpBody(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        body = SkipBom(body);
        var span = body.Span;
        var first = 0;
        while (first < span.Length && span[first] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            first++;
        }

        return first < span.Length && span[first] == '[' ? SplitArray(body, receivedAt) : SplitLines(body, receivedAt);
    }

    /// <summary>Splits a JSON array into its elements (each element's exact bytes); sequence numbers are indices.</summary>
    /// <remarks>
    /// Elements are delimited by their string and bracket structure (<see cref="JsonExtent"/>), not tokenized: an
    /// element that is malformed inside (a trailing comma, a bad literal, invalid UTF-8) is still one element, which
    /// <see cref="EventParser"/> rejects at its own index while the elements after it go through. Only a break in the
    /// array's own structure (an unclosed string or bracket, a missing comma) ends the split: the rest of the body
    /// becomes one pre-rejected element naming the byte.
    /// </remarks>
    public static IReadOnlyList<RawEvent> SplitArray(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        var events = new List<RawEvent>();
        var span = body.Span;
        var i = JsonExtent.SkipBlank(span, 0);
        if (i == span.Length || span[i] != '[')
        {
            events.Add(new RawEvent(body, 0, receivedAt, "the body must be a JSON array or NDJSON"));
            return events;
        }

        i = JsonExtent.SkipBlank(span, i + 1);
        var closed = i < span.Length && span[i] == ']';
        while (!closed)
        {
            var end = i < span.Length && span[i] is not (byte)',' and not (byte)']' ? JsonExtent.End(span, i) : -1;
            if (end <= i)
            {
                events.Add(Rest(body, i, events.Count, receivedAt, end < 0 && i < span.Length && span[i] is (byte)'{' or (byte)'[' or (byte)'"'
                    ? $"element {events.Count} starting at byte {i} is not closed"
                    : $"expected an element at byte {i}"));
                return events;
            }

            events.Add(new RawEvent(body[i..end], events.Count, receivedAt));
            i = JsonExtent.SkipBlank(span, end);
            if (i < span.Length && span[i] == ',')
            {
                i = JsonExtent.SkipBlank(span, i + 1);
            }
            else if (i < span.Length && span[i] == ']')
            {
                closed = true;
            }
            else
            {
                events.Add(Rest(body, i, events.Count, receivedAt, $"expected ',' or ']' after element {events.Count - 1} at byte {i}"));
                return events;
            }
        }

        // Anything but whitespace after the closing bracket is reported, not ignored.
        var after = JsonExtent.SkipBlank(span, i + 1);
        if (after < span.Length)
        {
            events.Add(new RawEvent(body[after..], events.Count, receivedAt, $"unexpected content after the array at byte {after}"));
        }

        return events;
    }

    // The unreadable rest of an array body, from byte `at`, as one pre-rejected element (an empty rest keeps the reason).
    private static RawEvent Rest(ReadOnlyMemory<byte> body, int at, int index, DateTimeOffset receivedAt, string problem) =>
        new(body[Math.Min(at, body.Length)..], index, receivedAt, $"the array is malformed: {problem}; the rest of the body could not be split into events");

    /// <summary>Splits NDJSON: one event per non-blank line (<c>\n</c> or <c>\r\n</c>); sequence numbers are 0-based line numbers.</summary>
    public static IReadOnlyList<RawEvent> SplitLines(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        var events = new List<RawEvent>();
        var span = body.Span;
        var line = 0;
        var start = 0;
        while (start <= span.Length)
        {
            var nl = span[start..].IndexOf((byte)'\n');
            var end = nl < 0 ? span.Length : start + nl;
            var stop = end > start && span[end - 1] == '\r' ? end - 1 : end;
            if (!span[start..stop].Trim(" \t"u8).IsEmpty)
            {
                events.Add(new RawEvent(body[start..stop], line, receivedAt));
            }

            line++;
            if (nl < 0)
            {
                break;
            }

            start = end + 1;
        }

        return events;
    }

    /// <summary>
    /// Reads the Functions host's Event Hub trigger invocation (custom handler request payload,
    /// https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers#request-payload) into a batch.
    /// </summary>
    /// <param name="invocation">The whole request body: <c>{"Data":{binding: …},"Metadata":{…}}</c>. Events that are
    /// JSON objects in it are returned as slices of this memory (not copies): keep it alive while the batch is used.</param>
    /// <param name="bindingName">Name of the trigger binding in <c>function.json</c> (e.g. <c>events</c>).</param>
    /// <param name="now">Fallback enqueued time when the host sent none.</param>
    /// <returns>
    /// The batch: partition from <c>Metadata.PartitionContext.PartitionId</c>, sequence numbers from
    /// <c>SequenceNumberArray</c>, enqueued times from <c>EnqueuedTimeUtcArray</c>. The binding value may be an array
    /// or a JSON string holding one; each element an object or a string holding one. When the metadata is missing
    /// or does not match the events, the partition becomes <c>nometa-{digest}</c> and indices stand in for
    /// sequence numbers, so the batch is still kept, deterministically named. Property names match case-insensitively
    /// and the first of a repeated name wins; metadata values may also be JSON strings holding the JSON.
    /// </returns>
    /// <remarks>One forward pass of <see cref="Utf8JsonReader"/> over the body (no DOM): the whole body is still
    /// checked to be one JSON value.</remarks>
    /// <exception cref="IngestionException">The invocation itself is not JSON or has no <c>Data</c> (code <c>invocation.malformed</c>).</exception>
    public static EventBatch ReadEventHubInvocation(ReadOnlyMemory<byte> invocation, string bindingName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bindingName);
        List<RawEvent>? events = null;
        var metadata = default(InvocationMetadata);
        try
        {
            var reader = new Utf8JsonReader(invocation.Span, new JsonReaderOptions { MaxDepth = 64 });
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                bool sawData = false, sawMetadata = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (!sawData && NameIs(ref reader, "Data"))
                    {
                        sawData = true;
                        reader.Read();
                        events = ReadData(ref reader, invocation, bindingName, now);
                    }
                    else if (!sawMetadata && NameIs(ref reader, "Metadata"))
                    {
                        sawMetadata = true;
                        reader.Read();
                        metadata = ReadMetadata(ref reader, now);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }

            // Anything after the one root value (other than whitespace) makes Read throw.
            reader.Read();
        }
        catch (JsonException e)
        {
            throw new IngestionException("invocation.malformed", "the invocation body is not JSON: " + e.Message, offset: e.BytePositionInLine, inner: e);
        }

        if (events is null)
        {
            throw new IngestionException("invocation.malformed", $"the invocation has no Data.{bindingName}");
        }

        return WithMetadata(events, metadata, invocation, now);
    }

    /// <summary>The parts of the invocation's <c>Metadata</c> the batch uses; null where absent or unusable.</summary>
    private readonly record struct InvocationMetadata(string? Partition, long[]? Sequences, DateTimeOffset[]? Enqueued);

    // At Data's value: the binding's events, or null when Data is not an object or lacks the binding.
    private static List<RawEvent>? ReadData(ref Utf8JsonReader reader, ReadOnlyMemory<byte> invocation, string bindingName, DateTimeOffset now)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        List<RawEvent>? events = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isBinding = events is null && NameIs(ref reader, bindingName);
            reader.Read();
            if (isBinding)
            {
                events = ReadBinding(ref reader, invocation, now);
            }
            else
            {
                reader.Skip();
            }
        }

        return events;
    }

    // At the binding's value; leaves the reader on its last token.
    private static List<RawEvent> ReadBinding(ref Utf8JsonReader reader, ReadOnlyMemory<byte> invocation, DateTimeOffset now)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            // The host hands cardinality-many batches over as a JSON string holding the array.
            return [.. SplitArray(Unescaped(ref reader), now).Select(Unquote)];
        }

        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return [new RawEvent(invocation[start..(int)reader.BytesConsumed].ToArray(), 0, now, "the trigger binding is neither an array nor a string holding one")];
        }

        // The elements are delimited by JsonExtent rather than tokenized here: each event is tokenized once, by the
        // parser. The structure between them (commas, the closing bracket) is still checked; the reader then resumes
        // at the ']' in the state it had after the '['.
        var span = invocation.Span;
        var afterStart = reader.CurrentState;
        var i = JsonExtent.SkipBlank(span, (int)reader.BytesConsumed);
        // Sized for host batches (~250 bytes an event with its metadata), at most 1,024 events: a small-object array.
        var events = new List<RawEvent>(Math.Min(span.Length / 256, 1024));
        if (i < span.Length && span[i] != ']')
        {
            while (true)
            {
                start = i;
                var end = i < span.Length ? JsonExtent.End(span, i) : -1;
                if (end <= start)
                {
                    throw new JsonException(end < 0
                        ? $"the events array is not closed (event {events.Count} starts at byte {start})"
                        : $"expected an event at byte {start}");
                }

                events.Add(span[start] switch
                {
                    (byte)'{' => new RawEvent(invocation[start..end], events.Count, now),
                    (byte)'"' => StringEvent(invocation[start..end], events.Count, now),
                    _ => new RawEvent(invocation[start..end].ToArray(), events.Count, now, "an event must be a JSON object"),
                });
                i = JsonExtent.SkipBlank(span, end);
                if (i < span.Length && span[i] == ',')
                {
                    i = JsonExtent.SkipBlank(span, i + 1);
                    continue;
                }

                if (i < span.Length && span[i] == ']')
                {
                    break;
                }

                throw new JsonException($"expected ',' or ']' after event {events.Count - 1} at byte {i}");
            }
        }

        reader = new Utf8JsonReader(span[i..], isFinalBlock: true, afterStart);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("the events array is not closed");
        }

        return events;
    }

    // An element that is a JSON string (dataType "string"): the event body it holds, unescaped.
    private static RawEvent StringEvent(ReadOnlyMemory<byte> quoted, int index, DateTimeOffset now)
    {
        try
        {
            var reader = new Utf8JsonReader(quoted.Span);
            reader.Read();
            return new RawEvent(Unescaped(ref reader), index, now);
        }
        catch (JsonException e)
        {
            return new RawEvent(quoted.ToArray(), index, now, "the event is a JSON string that cannot be read: " + e.Message);
        }
    }

    // With dataType "string" each element is the event body as a JSON string; unwrap it to the body's bytes.
    private static RawEvent Unquote(RawEvent e)
    {
        if (e.PreRejection is not null || e.Json.Length == 0 || e.Json.Span[0] != '"')
        {
            return e;
        }

        var reader = new Utf8JsonReader(e.Json.Span);
        return reader.Read() && reader.TokenType == JsonTokenType.String ? e with { Json = Unescaped(ref reader) } : e;
    }

    // The metadata values the batch uses.
    private enum MetadataField
    {
        None,
        PartitionContext,
        SequenceNumberArray,
        EnqueuedTimeUtcArray,
    }

    // At Metadata's value: PartitionContext.PartitionId, SequenceNumberArray and EnqueuedTimeUtcArray.
    private static InvocationMetadata ReadMetadata(ref Utf8JsonReader reader, DateTimeOffset now)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        var result = default(InvocationMetadata);
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = NameIs(ref reader, nameof(MetadataField.PartitionContext)) ? MetadataField.PartitionContext
                : NameIs(ref reader, nameof(MetadataField.SequenceNumberArray)) ? MetadataField.SequenceNumberArray
                : NameIs(ref reader, nameof(MetadataField.EnqueuedTimeUtcArray)) ? MetadataField.EnqueuedTimeUtcArray
                : MetadataField.None;
            reader.Read();
            if (field == MetadataField.None || (seen & (1 << (int)field)) != 0)
            {
                reader.Skip();
                continue;
            }

            seen |= 1 << (int)field;
            if (reader.TokenType != JsonTokenType.String)
            {
                result = ReadMetadataValue(ref reader, field, now, result);
                continue;
            }

            // Some host versions send metadata values as JSON strings holding JSON; accept both.
            var json = Unescaped(ref reader);
            if (json.Length == 0 || json[0] is not ((byte)'[' or (byte)'{'))
            {
                continue;
            }

            try
            {
                var nested = new Utf8JsonReader(json);
                nested.Read();
                var value = ReadMetadataValue(ref nested, field, now, result);
                if (!nested.Read())
                {
                    result = value;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the value is unusable, as if absent.
            }
        }

        return result;
    }

    // Reads one metadata value into metadata and leaves the reader on the value's last token; a value of the wrong
    // shape is skipped and leaves that part null.
    private static InvocationMetadata ReadMetadataValue(ref Utf8JsonReader reader, MetadataField field, DateTimeOffset now, InvocationMetadata metadata)
    {
        var expected = field == MetadataField.PartitionContext ? JsonTokenType.StartObject : JsonTokenType.StartArray;
        if (reader.TokenType != expected)
        {
            reader.Skip();
            return metadata;
        }

        return field switch
        {
            MetadataField.PartitionContext => metadata with { Partition = ReadPartitionId(ref reader) },
            MetadataField.SequenceNumberArray => metadata with { Sequences = ReadSequenceNumbers(ref reader) },
            _ => metadata with { Enqueued = ReadEnqueuedTimes(ref reader, now) },
        };
    }

    // At PartitionContext's StartObject: its PartitionId when that is a valid id, else null.
    private static string? ReadPartitionId(ref Utf8JsonReader reader)
    {
        string? partition = null;
        var sawId = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = !sawId && NameIs(ref reader, "PartitionId");
            sawId |= isId;
            reader.Read();
            if (isId && reader.TokenType == JsonTokenType.String && reader.GetString() is { } id && IsPartitionId(id))
            {
                partition = id;
            }
            else
            {
                reader.Skip();
            }
        }

        return partition;
    }

    // At SequenceNumberArray's StartArray: each element, or -1 where it is not a non-negative integer.
    private static long[] ReadSequenceNumbers(ref Utf8JsonReader reader)
    {
        var sequences = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            sequences.Add(reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v) && v >= 0 ? v : -1);
            reader.Skip();
        }

        return [.. sequences];
    }

    // At EnqueuedTimeUtcArray's StartArray: each element as a UTC time, or now where it is not a time.
    private static DateTimeOffset[] ReadEnqueuedTimes(ref Utf8JsonReader reader, DateTimeOffset now)
    {
        var times = new List<DateTimeOffset>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            times.Add(reader.TokenType == JsonTokenType.String ? ParseUtc(ref reader, now) : now);
            reader.Skip();
        }

        return [.. times];
    }

    private static EventBatch WithMetadata(List<RawEvent> events, InvocationMetadata metadata, ReadOnlyMemory<byte> invocation, DateTimeOffset now)
    {
        var (partition, sequences, enqueued) = metadata;
        var sequencesUsable = partition is not null && sequences is not null && sequences.Length == events.Count && IncreasingFromZero(sequences);
        if (!sequencesUsable)
        {
            partition = "nometa-" + LakePaths.Key(invocation.Span);
        }

        var times = enqueued is not null && enqueued.Length == events.Count ? enqueued : null;
        var span = CollectionsMarshal.AsSpan(events);
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = span[i] with { SequenceNumber = sequencesUsable ? sequences![i] : i, EnqueuedAt = times is null ? now : times[i] };
        }

        return new EventBatch(partition!, events, FromEventHub: true);
    }

    // True when every sequence number is ≥ 0 and each is greater than the one before.
    private static bool IncreasingFromZero(long[] sequences)
    {
        var previous = -1L;
        foreach (var s in sequences)
        {
            if (s <= previous)
            {
                return false;
            }

            previous = s;
        }

        return true;
    }

    // The host writes DateTime values, sometimes without an offset; they are UTC by name (EnqueuedTimeUtc). ISO 8601
    // (with or without an offset) is read from the UTF-8 bytes; anything else goes through DateTimeOffset.TryParse.
    private static DateTimeOffset ParseUtc(ref Utf8JsonReader reader, DateTimeOffset fallback)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var v = reader.ValueSpan;
            var hasOffset = v.Length > 6 && (v[^1] is (byte)'Z' or (byte)'z' || (v[^6] is (byte)'+' or (byte)'-' && v[^3] == ':'));
            if (hasOffset && reader.TryGetDateTimeOffset(out var withOffset))
            {
                return withOffset.ToUniversalTime();
            }

            if (!hasOffset && reader.TryGetDateTime(out var local) && local.Kind == DateTimeKind.Unspecified)
            {
                return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc));
            }
        }

        return DateTimeOffset.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : fallback;
    }

    // At a String token: its unescaped UTF-8 bytes.
    private static byte[] Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return reader.ValueSpan.ToArray();
        }

        var buffer = new byte[reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length];
        return buffer[..reader.CopyString(buffer)];
    }

    // At a PropertyName token: whether it equals name, ignoring ASCII case (the host's names are ASCII).
    private static bool NameIs(ref Utf8JsonReader reader, string name)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return string.Equals(reader.GetString(), name, StringComparison.OrdinalIgnoreCase);
        }

        return reader.ValueSpan.Length == name.Length && Ascii.EqualsIgnoreCase(reader.ValueSpan, name);
    }

    private static bool IsPartitionId(string s) => s.Length is > 0 and <= 32 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static ReadOnlyMemory<byte> SkipBom(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;
}
