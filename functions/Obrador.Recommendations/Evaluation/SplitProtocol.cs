namespace Obrador.Recommendations.Evaluation;

/// <summary>How interactions are split into training and test sets.</summary>
public enum SplitProtocol
{
    /// <summary>Microsoft Recommenders' <c>python_stratified_split</c>: per user, a seeded random 75/25 split of their items.</summary>
    Random,

    /// <summary>Chronological hold-out: everything in the last days is test, everything before is training.</summary>
    Chronological,
}
