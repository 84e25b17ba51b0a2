namespace Obrador.FinOps.Labelling;

/// <summary>A suggested value for a missing required tag (row of the <c>TagSuggestions</c> serving table).</summary>
public sealed record TagSuggestion
{
    /// <summary>Resource the tag is for.</summary>
    public required string ResourceId { get; init; }

    /// <summary>Its subscription (table partition).</summary>
    public required string SubAccountId { get; init; }

    /// <summary>Canonical tag key (the <see cref="RequiredTag.Name"/>).</summary>
    public required string Tag { get; init; }

    /// <summary>Suggested value.</summary>
    public required string Value { get; init; }

    /// <summary>Calibrated probability that the value is right, in [0, 1].</summary>
    public required double Confidence { get; init; }
}
