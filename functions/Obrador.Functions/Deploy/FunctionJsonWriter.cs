using System.Text.Json;

namespace Obrador.Functions.Deploy;

/// <summary>
/// Writes the Functions app layout the host expects: one folder per function holding its <c>function.json</c>.
/// </summary>
/// <remarks>Layout per https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers#application-structure.</remarks>
public static class FunctionJsonWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Renders one function's <c>function.json</c> text.</summary>
    public static string Render(FunctionDeclaration function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var bindings = function.Bindings.Select(b =>
        {
            var o = new Dictionary<string, object> { ["name"] = b.Name, ["type"] = b.Type, ["direction"] = b.Direction };
            foreach (var (key, value) in b.Properties)
            {
                o[key] = value;
            }

            return o;
        });
        return function.Retry is null
            ? JsonSerializer.Serialize(new { bindings }, Json) + "\n"
            : JsonSerializer.Serialize(new { bindings, retry = function.Retry }, Json) + "\n";
    }

    /// <summary>Writes <c>{root}/{Name}/function.json</c> for every function in <paramref name="functions"/>.</summary>
    /// <param name="root">The app package folder (beside <c>host.json</c>); created if missing.</param>
    /// <param name="functions">The declarations, usually <see cref="FunctionCatalog.All"/>.</param>
    /// <returns>The number of folders written.</returns>
    public static int WriteAll(string root, IEnumerable<FunctionDeclaration> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var count = 0;
        foreach (var function in functions)
        {
            var dir = Path.Combine(root, function.Name);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "function.json"), Render(function));
            count++;
        }

        return count;
    }
}
