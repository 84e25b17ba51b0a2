using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Obrador.Functions.Hosting;
using Obrador.Pipeline.Orchestration;

namespace Obrador.Functions.Pipeline;

/// <summary>
/// The pipeline's trigger endpoints: <c>POST /NightlyRun</c> (timer), <c>POST /RunStage</c> (queue) and
/// <c>POST /api/admin/runs/{id}/resume</c>. Thin glue over <see cref="QueueStageDispatcher"/>; the caller applies auth.
/// </summary>
public static class PipelineApi
{
    /// <summary>Name of the queue output binding of <c>NightlyRun</c> and <c>RunStage</c> (see the function catalog).</summary>
    public const string StagesOutput = "stages";

    /// <summary>Maps the three endpoints; returns the builder.</summary>
    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/NightlyRun", NightlyRunAsync);
        app.MapPost("/RunStage", RunStageAsync);
        app.MapPost("/api/admin/runs/{id}/resume", ResumeAsync);
        return app;
    }

    /// <summary>
    /// Timer trigger: starts tonight's run (id from the clock truncated to the hour, so a retried timer maps to the same
    /// run) or resumes the latest failed one, and returns the first stage's messages as queue outputs.
    /// </summary>
    internal static async Task<Ok<InvocationResponse>> NightlyRunAsync(InvocationRequest request, QueueStageDispatcher dispatcher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var scheduledAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var messages = await dispatcher.StartNightlyAsync(scheduledAt, cancellationToken).ConfigureAwait(false);
        var runId = messages.Count > 0 ? messages[0].RunId : "(none)";
        return TypedResults.Ok(Response(messages, $"NightlyRun: run {runId}, {messages.Count} stage message(s) for {(messages.Count > 0 ? messages[0].Stage : "-")}"));
    }

    /// <summary>
    /// Queue trigger: executes one stage × partition and returns the next messages. A malformed message answers 400 and
    /// a failing stage 500 (ProblemDetails), so the host retries with backoff and finally moves it to the poison queue.
    /// </summary>
    internal static async Task<Results<Ok<InvocationResponse>, ProblemHttpResult>> RunStageAsync(InvocationRequest request, QueueStageDispatcher dispatcher, CancellationToken cancellationToken)
    {
        StageMessage message;
        try
        {
            message = StageMessage.Parse(MessageText(request));
        }
        catch (PipelineException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid stage message", extensions: new Dictionary<string, object?> { ["field"] = "Data.stage" });
        }

        try
        {
            var next = await dispatcher.HandleAsync(message, DequeueCount(request), cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(Response(next, $"RunStage {message.Stage}/{message.Partition} of {message.RunId}: {next.Count} next message(s)"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status500InternalServerError, title: $"Stage {message.Stage}/{message.Partition} failed");
        }
    }

    /// <summary>Resumes a failed run: re-enqueues its failed stage (done partitions are skipped) and answers 202.</summary>
    internal static async Task<Results<Accepted<ResumeResponse>, ProblemHttpResult>> ResumeAsync(string id, QueueStageDispatcher dispatcher, IStageQueue queue, CancellationToken cancellationToken)
    {
        var run = await dispatcher.Ledger.GetRunAsync(id, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return TypedResults.Problem($"Run '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Unknown run", extensions: new Dictionary<string, object?> { ["field"] = "id" });
        }

        if (run.Status != RunStatus.Failed)
        {
            return TypedResults.Problem($"Run '{id}' is {run.Status}; only a failed run can be resumed.", statusCode: StatusCodes.Status409Conflict, title: "Run not resumable", extensions: new Dictionary<string, object?> { ["field"] = "id" });
        }

        var messages = await dispatcher.ResumeAsync(id, cancellationToken).ConfigureAwait(false);
        await queue.EnqueueAsync(messages, cancellationToken).ConfigureAwait(false);
        var stage = messages.Count > 0 ? messages[0].Stage : run.FailedStage ?? string.Empty;
        return TypedResults.Accepted($"/api/runs/{id}", new ResumeResponse(id, stage, messages.Select(m => m.Partition).ToList()));
    }

    private static InvocationResponse Response(IReadOnlyList<StageMessage> messages, string log) =>
        new(new Dictionary<string, object?> { [StagesOutput] = messages.Select(m => m.ToJson()).ToArray() }, [log]);

    // The host passes a queue message as a JSON string, or as the JSON value itself when the text parses as JSON.
    private static string MessageText(InvocationRequest request)
    {
        if (request.Data is null || !request.Data.TryGetValue("stage", out var value))
        {
            throw new PipelineException("Invocation has no 'stage' input binding value.");
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
    }

    private static int DequeueCount(InvocationRequest request)
    {
        if (request.Metadata is null || !request.Metadata.TryGetValue("DequeueCount", out var v))
        {
            return 1;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => 1,
        };
    }
}
