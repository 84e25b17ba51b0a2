namespace Obrador.Recommendations.Evaluation;

/// <summary>The arguments of <c>obrador recommend evaluate</c>.</summary>
public sealed record EvaluateRequest
{
    /// <summary>Interactions CSV path.</summary>
    public required string Input { get; init; }

    /// <summary>Column mapping.</summary>
    public required CsvColumns Columns { get; init; }

    /// <summary>Algorithm names (see <see cref="Algorithms.RecommenderFactory.Names"/>); empty = all.</summary>
    public IReadOnlyList<string> Algorithms { get; init; } = [];

    /// <summary>Protocol, k, seed and hold-out.</summary>
    public EvaluationOptions Options { get; init; } = new();
}
