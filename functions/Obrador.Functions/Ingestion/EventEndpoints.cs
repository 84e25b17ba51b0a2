using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Obrador.Functions.Hosting;
using Obrador.Ingestion;
using Obrador.Ingestion.Bronze;
using Obrador.Ingestion.Events;
using Obrador.Lake.Storage;

namespace Obrador.Functions.Ingestion;

/// <summary>Handlers of the event doors: the Event Hub trigger invocation and the HTTP collector.</summary>
internal static class EventEndpoints
{
    /// <summary>
    /// <c>POST /IngestEvents</c>: the host's Event Hub trigger invocation. Answers 200 only after bronze and
    /// quarantine are durably written, so the host's checkpoint never runs ahead of the data; a storage failure
    /// answers 500 and the host retries the batch (which then overwrites the same files).
    /// </summary>
    public static async Task<Results<Ok<InvocationResponse>, ProblemHttpResult>> IngestEventHubAsync(
        HttpRequest request, EventIngestor ingestor, IOptions<IngestionApiOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        using var pooled = await BodyReader.ReadAsync(request, long.MaxValue, cancellationToken).ConfigureAwait(false);
        var body = pooled!.Memory;
        EventBatch batch;
        try
        {
            batch = EventBatchReader.ReadEventHubInvocation(body, options.Value.EventHubBindingName, time.GetUtcNow());
        }
        catch (IngestionException e)
        {
            var path = await ingestor.QuarantineInvocationAsync(body, e.Message, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new InvocationResponse(new Dictionary<string, object?>(), [$"Unreadable invocation quarantined at {path}: {e.Message}"]));
        }

        EventBatchResult result;
        try
        {
            result = await ingestor.IngestAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e)
        {
            // Not acknowledged: the host retries the same batch, which rewrites the same files.
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Storage unavailable", detail: e.Message);
        }

        var log = $"partition {batch.Partition}: {result.Accepted} accepted, {result.Rejected} quarantined";
        return TypedResults.Ok(new InvocationResponse(new Dictionary<string, object?>(), [log]));
    }

    /// <summary>
    /// <c>POST /api/events</c>: a JSON array or NDJSON of events. 413 ProblemDetails over the body or event-count
    /// limit; 415 for other media types; otherwise 200 with accepted/rejected counts and reasons per rejected index.
    /// </summary>
    public static async Task<Results<Ok<EventsResponse>, ProblemHttpResult>> PostEventsAsync(
        HttpRequest request, EventIngestor ingestor, IOptions<IngestionApiOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not (null or "" or "application/json" or "application/x-ndjson" or "application/ndjson" or "application/jsonl" or "application/jsonlines" or "text/plain"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Content-Type '{mediaType}' is not accepted; send application/json (an array) or application/x-ndjson.",
                extensions: new Dictionary<string, object?> { ["field"] = "Content-Type" });
        }

        using var pooled = await BodyReader.ReadAsync(request, limits.MaxEventsBodyBytes, cancellationToken).ConfigureAwait(false);
        if (pooled is null)
        {
            return TooLarge("body", $"The request body exceeds {limits.MaxEventsBodyBytes} bytes; split it into smaller requests.");
        }

        var body = pooled.Memory;
        var now = time.GetUtcNow();
        var events = EventBatchReader.SplitHttpBody(body, now);
        if (events.Count > limits.MaxEventsPerRequest)
        {
            return TooLarge("events", $"The request holds {events.Count} events; the limit is {limits.MaxEventsPerRequest} per request.");
        }

        if (events.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No events",
                detail: "The body holds no events; send a JSON array or NDJSON lines.", extensions: new Dictionary<string, object?> { ["field"] = "body" });
        }

        // Content-addressed name: resending the same body rewrites the same file instead of duplicating it.
        var batch = new EventBatch("http-" + LakePaths.Key(body.Span), events, FromEventHub: false);
        EventBatchResult result;
        try
        {
            result = await ingestor.IngestAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unavailable",
                detail: "The request was not completed; retry the same request: a retry stores and counts nothing twice. " + e.Message);
        }

        // Report positions the client knows: array index, or line number for NDJSON.
        var rejections = result.Rejections.Select(r => r with { Index = (int)events[r.Index].SequenceNumber }).ToList();
        return TypedResults.Ok(new EventsResponse(result.Accepted, result.Rejected, rejections));
    }

    private static ProblemHttpResult TooLarge(string field, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: detail,
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
