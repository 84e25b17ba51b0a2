namespace Obrador.Recommendations.Evaluation;

/// <summary>A CSV row that was not turned into an interaction, with the reason (the quarantine record).</summary>
/// <param name="Row">1-based data row (header excluded).</param>
/// <param name="Column">Offending column.</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record RejectedRow(long Row, string Column, string Reason);
