namespace Obrador.FinOps.Normalisation;

/// <summary>A billing row the normaliser refused, with the reason, for the quarantine (never silently dropped).</summary>
/// <param name="Row">1-based data row number in the source file.</param>
/// <param name="Column">Offending header, or null when the whole row is at fault.</param>
/// <param name="Reason">Human-readable reason.</param>
public sealed record RejectedRow(long Row, string? Column, string Reason);
