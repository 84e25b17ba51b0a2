namespace Obrador.Functions.Api.Contracts;

/// <summary>Answer of <c>GET /api/tags/suggestions</c>.</summary>
/// <param name="Subscription">Subscription asked about.</param>
/// <param name="MinConfidence">Confidence threshold applied.</param>
/// <param name="Source"><c>classifier</c>, or <c>fallback</c> when nothing is published for the subscription.</param>
/// <param name="ServingVersion">The serving version, or <c>none</c>.</param>
/// <param name="Truncated">True when more suggestions matched than <c>Serving:MaxRows</c>.</param>
/// <param name="Suggestions">Most confident first.</param>
public sealed record TagSuggestionsResponse(string Subscription, double MinConfidence, string Source, string ServingVersion, bool Truncated, IReadOnlyList<TagSuggestion> Suggestions);
