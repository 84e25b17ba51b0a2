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
/// Splitting never throws for bad content: a body that stops being valid JSON half-way yields the events before the
/// break plus one pre-rejected <see cref="RawEvent"/> holding the unreadable rest, so nothing is lost and the good
/// part goes through. Thread safe (stateless).
/// </remarks>
public static class EventBatchReader
{
    private static readonly JsonReaderOptions ArrayOptions = new() { MaxDepth = 64 };

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
    public static IReadOnlyList<RawEvent> SplitArray(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        var events = new List<RawEvent>();
        var span = body.Span;
        var reader = new Utf8JsonReader(span, ArrayOptions);
        long consumed = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                events.Add(new RawEvent(body, 0, receivedAt, "the body must be a JSON array or NDJSON"));
                return events;
            }

            consumed = reader.BytesConsumed;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                events.Add(new RawEvent(body[start..end], events.Count, receivedAt));
                consumed = end;
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new JsonException("the array is not closed");
            }

            // Anything but whitespace after the closing bracket is reported, not ignored.
            var rest = span[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8);
            if (!rest.IsEmpty)
            {
                var at = span.Length - rest.Length;
                events.Add(new RawEvent(body[at..], events.Count, receivedAt, $"unexpected content after the array at byte {at}"));
            }
        }
        catch (JsonException e)
        {
            var tail = body[(int)consumed..];
            var at = consumed + (e.BytePositionInLine ?? 0);
            events.Add(new RawEvent(tail, events.Count, receivedAt, $"the array is malformed from byte {consumed} (error near byte {at}); the rest of the body could not be split into events"));
        }

        return events;
    }

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
    /// <param name="invocation">The whole request body: <c>{"Data":{binding: …},"Metadata":{…}}</c>.</param>
    /// <param name="bindingName">Name of the trigger binding in <c>function.json</c> (e.g. <c>events</c>).</param>
    /// <param name="now">Fallback enqueued time when the host sent none.</param>
    /// <returns>
    /// The batch: partition from <c>Metadata.PartitionContext.PartitionId</c>, sequence numbers from
    /// <c>SequenceNumberArray</c>, enqueued times from <c>EnqueuedTimeUtcArray</c>. The binding value may be an array
    /// or a JSON string holding one; each element an object or a string holding one. When the metadata is missing
    /// or does not match the events, the partition becomes <c>nometa-{digest}</c> and indices stand in for
    /// sequence numbers, so the batch is still kept, deterministically named.
    /// </returns>
    /// <exception cref="IngestionException">The invocation itself is not JSON or has no <c>Data</c> (code <c>invocation.malformed</c>).</exception>
    public static EventBatch ReadEventHubInvocation(ReadOnlyMemory<byte> invocation, string bindingName, DateTimeOffset now)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(invocation, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new IngestionException("invocation.malformed", "the invocation body is not JSON: " + e.Message, offset: e.BytePositionInLine, inner: e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !TryGet(root, "Data", out var data) || data.ValueKind != JsonValueKind.Object
                || !TryGet(data, bindingName, out var binding))
            {
                throw new IngestionException("invocation.malformed", $"the invocation has no Data.{bindingName}");
            }

            TryGet(root, "Metadata", out var metadata);
            var raw = ReadBinding(binding, now);
            return WithMetadata(raw, metadata, invocation, now);
        }
    }

    private static List<RawEvent> ReadBinding(JsonElement binding, DateTimeOffset now)
    {
        if (binding.ValueKind == JsonValueKind.String)
        {
            // The host hands cardinality-many batches over as a JSON string holding the array.
            var bytes = Encoding.UTF8.GetBytes(binding.GetString()!);
            return [.. SplitArray(bytes, now).Select(Unquote)];
        }

        if (binding.ValueKind != JsonValueKind.Array)
        {
            return [new RawEvent(Encoding.UTF8.GetBytes(binding.GetRawText()), 0, now, "the trigger binding is neither an array nor a string holding one")];
        }

        var events = new List<RawEvent>(binding.GetArrayLength());
        foreach (var element in binding.EnumerateArray())
        {
            events.Add(element.ValueKind switch
            {
                JsonValueKind.Object => new RawEvent(JsonMarshal.GetRawUtf8Value(element).ToArray(), events.Count, now),
                JsonValueKind.String => new RawEvent(Encoding.UTF8.GetBytes(element.GetString()!), events.Count, now),
                _ => new RawEvent(JsonMarshal.GetRawUtf8Value(element).ToArray(), events.Count, now, "an event must be a JSON object"),
            });
        }

        return events;
    }

    // With dataType "string" each element is the event body as a JSON string; unwrap it to the body's bytes.
    private static RawEvent Unquote(RawEvent e)
    {
        if (e.PreRejection is not null || e.Json.Length == 0 || e.Json.Span[0] != '"')
        {
            return e;
        }

        var reader = new Utf8JsonReader(e.Json.Span);
        return reader.Read() && reader.TokenType == JsonTokenType.String
            ? e with { Json = Encoding.UTF8.GetBytes(reader.GetString()!) }
            : e;
    }

    private static EventBatch WithMetadata(List<RawEvent> events, JsonElement metadata, ReadOnlyMemory<byte> invocation, DateTimeOffset now)
    {
        string? partition = null;
        long[]? sequences = null;
        DateTimeOffset[]? enqueued = null;
        if (metadata.ValueKind == JsonValueKind.Object)
        {
            if (TryGetJson(metadata, "PartitionContext", out var context) && context.ValueKind == JsonValueKind.Object
                && TryGet(context, "PartitionId", out var pid) && pid.ValueKind == JsonValueKind.String && IsPartitionId(pid.GetString()!))
            {
                partition = pid.GetString();
            }

            if (TryGetJson(metadata, "SequenceNumberArray", out var seqs) && seqs.ValueKind == JsonValueKind.Array)
            {
                sequences = [.. seqs.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) && v >= 0 ? v : -1)];
            }

            if (TryGetJson(metadata, "EnqueuedTimeUtcArray", out var times) && times.ValueKind == JsonValueKind.Array)
            {
                enqueued = [.. times.EnumerateArray().Select(e => ParseUtc(e, now))];
            }
        }

        var sequencesUsable = partition is not null && sequences is not null && sequences.Length == events.Count && sequences.All(s => s >= 0)
            && sequences.Zip(sequences.Skip(1)).All(p => p.First < p.Second);
        if (!sequencesUsable)
        {
            partition = "nometa-" + LakePaths.Key(invocation.Span);
        }

        for (var i = 0; i < events.Count; i++)
        {
            var at = enqueued is not null && enqueued.Length == events.Count ? enqueued[i] : now;
            events[i] = events[i] with { SequenceNumber = sequencesUsable ? sequences![i] : i, EnqueuedAt = at };
        }

        return new EventBatch(partition!, events, FromEventHub: true);
    }

    private static DateTimeOffset ParseUtc(JsonElement e, DateTimeOffset fallback)
    {
        if (e.ValueKind != JsonValueKind.String)
        {
            return fallback;
        }

        // The host writes DateTime values, sometimes without an offset; they are UTC by name (EnqueuedTimeUtc).
        return DateTimeOffset.TryParse(e.GetString(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var v) ? v : fallback;
    }

    private static bool IsPartitionId(string s) => s.Length is > 0 and <= 32 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in obj.EnumerateObject())
            {
                if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = p.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    // Some host versions send metadata values as JSON strings holding JSON; accept both.
    private static bool TryGetJson(JsonElement obj, string name, out JsonElement value)
    {
        if (!TryGet(obj, name, out value))
        {
            return false;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s && s[0] is '[' or '{')
        {
            try
            {
                value = JsonDocument.Parse(s).RootElement.Clone();
            }
            catch (JsonException)
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlyMemory<byte> SkipBom(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;
}
