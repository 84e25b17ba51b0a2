using System.Text.Json.Serialization;

namespace Obrador.Functions.Hosting;

/// <summary>
/// The custom handler's answer to a non-HTTP invocation: output binding values, log lines the host writes to
/// Application Insights, and the function's return value.
/// </summary>
/// <remarks>
/// A non-2xx HTTP status tells the host the invocation failed, so it retries or dead-letters (poison queue) per its
/// policy; for event hubs the checkpoint does not advance. Shape per
/// https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers#response-payload.
/// </remarks>
/// <param name="Outputs">Output binding values by binding name (e.g. a queue message for <c>outputQueueItem</c>).</param>
/// <param name="Logs">Log lines for the host.</param>
/// <param name="ReturnValue">Value of a <c>$return</c> binding, if any.</param>
/// <remarks>Property names are PascalCase exactly as the host's payload documents them, whatever the app's JSON policy.</remarks>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue = null);
