namespace Obrador.Functions.Serving;

/// <summary>One recommended or similar item with its score (higher is better; scale set by the producing model).</summary>
/// <param name="Id">Item id.</param>
/// <param name="Score">Score.</param>
public sealed record ItemScore(string Id, double Score);
