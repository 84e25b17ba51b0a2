using Obrador.FinOps.Labelling;

namespace Obrador.FinOps.Stages;

/// <summary>Output of the tag suggestion stage.</summary>
/// <param name="Models">What was learned per required tag.</param>
/// <param name="Suggestions">Accepted suggestions (confidence ≥ the tag's threshold).</param>
/// <param name="Compliance">Label compliance before and after the suggestions.</param>
public sealed record TagSuggestionResult(IReadOnlyList<TagModelInfo> Models, IReadOnlyList<TagSuggestion> Suggestions, ComplianceReport Compliance);
