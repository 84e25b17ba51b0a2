namespace Obrador.Pipeline.Registry;

/// <summary>Result of <see cref="PromotionRule.Decide"/>.</summary>
/// <param name="Promote">True when the challenger becomes champion.</param>
/// <param name="Reason">One line saying why, with both metric values.</param>
public sealed record PromotionDecision(bool Promote, string Reason);
