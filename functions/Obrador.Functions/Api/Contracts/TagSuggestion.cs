namespace Obrador.Functions.Api.Contracts;

/// <summary>A proposed tag value for an untagged resource.</summary>
/// <param name="ResourceId">Azure resource id.</param>
/// <param name="Tag">Tag name.</param>
/// <param name="Value">Proposed value.</param>
/// <param name="Confidence">Classifier confidence, 0 to 1.</param>
public sealed record TagSuggestion(string? ResourceId, string? Tag, string? Value, double? Confidence);
