using System.Text.Json;

namespace Obrador.Functions.Hosting;

/// <summary>
/// What the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger (event hub, blob, timer, queue).
/// </summary>
/// <remarks>
/// Shape per "Azure Functions custom handlers" (https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers#request-payload):
/// <c>Data</c> maps each input binding name to its value (a JSON value or a JSON string holding one),
/// <c>Metadata</c> carries trigger metadata (e.g. <c>PartitionContext</c>, <c>SequenceNumberArray</c> for event hubs).
/// </remarks>
/// <param name="Data">Input binding values by binding name.</param>
/// <param name="Metadata">Trigger metadata by name.</param>
public sealed record InvocationRequest(
    IReadOnlyDictionary<string, JsonElement>? Data,
    IReadOnlyDictionary<string, JsonElement>? Metadata);
