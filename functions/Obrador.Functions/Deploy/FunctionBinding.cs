namespace Obrador.Functions.Deploy;

/// <summary>
/// One binding of a function as it appears in <c>function.json</c>: name, type, direction and the type's own properties.
/// </summary>
/// <remarks>Schema: https://learn.microsoft.com/azure/azure-functions/functions-triggers-bindings (function.json reference per binding type).</remarks>
/// <param name="Name">Binding name; for triggers, the key under <c>Data</c> in the custom handler's request.</param>
/// <param name="Type">Binding type, e.g. <c>httpTrigger</c>, <c>eventHubTrigger</c>, <c>queue</c>.</param>
/// <param name="Direction"><c>in</c> or <c>out</c>.</param>
/// <param name="Properties">Type-specific properties (route, connection, schedule…); <c>%Name%</c> values are app settings.</param>
public sealed record FunctionBinding(string Name, string Type, string Direction, IReadOnlyDictionary<string, object> Properties);
