namespace Obrador.Functions.Deploy;

/// <summary>
/// A function of the app: its name (the folder holding <c>function.json</c>), its bindings, and the app route that
/// serves it.
/// </summary>
/// <param name="Name">Function name; non-HTTP triggers reach the app as <c>POST /{Name}</c>.</param>
/// <param name="Bindings">Trigger first, then other bindings.</param>
/// <param name="AppRoute">The ASP.NET Core route pattern that handles the invocation (e.g. <c>/api/forecasts/{storeId}</c> or <c>/RunStage</c>).</param>
/// <param name="Methods">HTTP methods the app route accepts (<c>POST</c> for non-HTTP triggers).</param>
/// <param name="Retry">Function-level retry policy (Event Hubs and timer triggers), rendered as <c>retry</c> in <c>function.json</c>; null for none.</param>
public sealed record FunctionDeclaration(string Name, IReadOnlyList<FunctionBinding> Bindings, string AppRoute, IReadOnlyList<string> Methods, IReadOnlyDictionary<string, object>? Retry = null)
{
    /// <summary>The trigger binding (the first one).</summary>
    public FunctionBinding Trigger => Bindings[0];

    /// <summary>True for HTTP-triggered functions, whose requests the host forwards unchanged.</summary>
    public bool IsHttp => Trigger.Type == "httpTrigger";
}
