using Obrador.Recommendations.Data;

namespace Obrador.Recommendations.Evaluation;

/// <summary>A training/test split of interactions.</summary>
/// <param name="Train">Training events.</param>
/// <param name="Test">Held-out events.</param>
public sealed record DataSplit(IReadOnlyList<Interaction> Train, IReadOnlyList<Interaction> Test);
