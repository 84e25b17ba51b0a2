namespace Obrador.Functions.Deploy;

/// <summary>
/// The one declaration of every function the app serves; <c>function.json</c> folders are generated from it at
/// package time (<see cref="FunctionJsonWriter"/>) and a test checks it against the app's routes and the infra's settings.
/// </summary>
/// <remarks>
/// HTTP functions use <c>authLevel: anonymous</c> because the app authenticates every route itself (API keys or the
/// App Service principal), and the host forwards the request unchanged (<c>enableForwardingHttpRequest</c>).
/// Connections are identity-based: a connection name <c>X</c> is configured by settings <c>X__…</c>
/// (https://learn.microsoft.com/azure/azure-functions/functions-reference#configure-an-identity-based-connection).
/// </remarks>
public static class FunctionCatalog
{
    /// <summary>Queue that carries pipeline stage messages (fan-out of the nightly run).</summary>
    public const string StageQueue = "pipeline-stages";

    /// <summary>Every function, HTTP and non-HTTP, in a stable order.</summary>
    public static IReadOnlyList<FunctionDeclaration> All { get; } = Build();

    private static List<FunctionDeclaration> Build() =>
    [
        // Triggers other than HTTP: the host POSTs an invocation payload to /{Name}.
        Trigger("IngestEvents", new("events", "eventHubTrigger", "in", new Dictionary<string, object>
        {
            ["eventHubName"] = "%EventHubName%",
            ["consumerGroup"] = "%EventHubConsumerGroup%",
            ["connection"] = "EventHubConnection",
            ["cardinality"] = "many",
            ["dataType"] = "string",
        })) with { Retry = Backoff(maxRetryCount: -1) },
        Trigger("IngestBillingExport", new("blob", "blobTrigger", "in", new Dictionary<string, object>
        {
            ["path"] = "billing-exports/{name}",
            ["connection"] = "AzureWebJobsStorage",
            // Flex Consumption supports only the Event Grid source for blob triggers.
            ["source"] = "EventGrid",
            ["dataType"] = "binary",
        })),
        Trigger("FoldCounters", new("timer", "timerTrigger", "in", new Dictionary<string, object>
        {
            ["schedule"] = "%CounterFoldSchedule%",
            ["runOnStartup"] = false,
        })),
        Trigger("NightlyRun", new("timer", "timerTrigger", "in", new Dictionary<string, object>
        {
            ["schedule"] = "%NightlyRunSchedule%",
            ["runOnStartup"] = false,
        }), StageOutput()) with { Retry = Backoff(maxRetryCount: 8) },
        Trigger("RunStage", new("stage", "queueTrigger", "in", new Dictionary<string, object>
        {
            ["queueName"] = StageQueue,
            ["connection"] = "AzureWebJobsStorage",
        }), StageOutput()),

        // HTTP: the host forwards /api/{route} to the same path on the app.
        Http("Health", "health", "GET"),
        Http("Ping", "ping", "GET"),
        Http("Metrics", "metrics", "GET"),
        Http("OpenApi", "openapi.json", "GET"),
        Http("GetRecommendations", "recommendations/{userId}", "GET"),
        Http("GetSimilarItems", "items/{itemId}/similar", "GET"),
        Http("GetTrending", "trending", "GET"),
        Http("GetForecasts", "forecasts/{storeId}", "GET"),
        Http("GetForecastAccuracy", "forecasts/{storeId}/accuracy", "GET"),
        Http("GetCostForecast", "costs/forecast", "GET"),
        Http("GetCostAnomalies", "costs/anomalies", "GET"),
        Http("UpdateCostAnomaly", "costs/anomalies/{id}", "PATCH"),
        Http("GetTagSuggestions", "tags/suggestions", "GET"),
        Http("GetRuns", "runs", "GET"),
        Http("GetRun", "runs/{id}", "GET"),
        Http("GetModels", "models", "GET"),
        Http("PostEvents", "events", "POST"),
        Http("GetLiveTrending", "counters/trending", "GET"),
        Http("GetLiveInventory", "counters/inventory/{storeId}", "GET"),
        Http("GetUploadTemplate", "uploads/template", "GET"),
        Http("PostUpload", "uploads", "POST"),
        Http("GetUpload", "uploads/{id}", "GET", "DELETE"),
        Http("GetUploadErrors", "uploads/{id}/errors.csv", "GET"),
        Http("AdminReload", "admin/reload", "POST"),
        Http("AdminRollback", "admin/rollback", "POST"),
        Http("AdminResumeRun", "admin/runs/{id}/resume", "POST"),
    ];

    private static FunctionDeclaration Trigger(string name, FunctionBinding trigger, params FunctionBinding[] outputs) =>
        new(name, [trigger, .. outputs], "/" + name, ["POST"]);

    // Event Hubs has no poison queue: when a retry policy runs out, the host checkpoints past the batch and it is lost,
    // so the event trigger retries without limit (-1), backing off to one try every 5 minutes, and its checkpoint never
    // runs ahead of the data. The nightly timer gives up after 8 (its run can be resumed). Retry policies:
    // https://learn.microsoft.com/azure/azure-functions/functions-bindings-error-pages#retry-policies
    private static Dictionary<string, object> Backoff(int maxRetryCount) => new()
    {
        ["strategy"] = "exponentialBackoff",
        ["maxRetryCount"] = maxRetryCount,
        ["minimumInterval"] = "00:00:05",
        ["maximumInterval"] = "00:05:00",
    };

    private static FunctionBinding StageOutput() => new("stages", "queue", "out", new Dictionary<string, object>
    {
        ["queueName"] = StageQueue,
        ["connection"] = "AzureWebJobsStorage",
    });

    private static FunctionDeclaration Http(string name, string route, params string[] methods) =>
        new(
            name,
            [
                new("req", "httpTrigger", "in", new Dictionary<string, object>
                {
                    ["authLevel"] = "anonymous",
                    ["route"] = route,
                    ["methods"] = methods.Select(m => m.ToLowerInvariant()).ToArray(),
                }),
                new("res", "http", "out", new Dictionary<string, object>()),
            ],
            "/api/" + route,
            methods);
}
