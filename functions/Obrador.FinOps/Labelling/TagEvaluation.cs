namespace Obrador.FinOps.Labelling;

/// <summary>Held-out quality of one tag's classifier.</summary>
public sealed record TagEvaluation
{
    /// <summary>Canonical tag key.</summary>
    public required string Tag { get; init; }

    /// <summary>Held-out resources evaluated.</summary>
    public required int TestResources { get; init; }

    /// <summary>Distinct values in training.</summary>
    public required int Classes { get; init; }

    /// <summary>Accuracy when always answering (no abstention).</summary>
    public required double Accuracy { get; init; }

    /// <summary>Macro-averaged F1 over the values present in the test set, no abstention.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Abstain threshold used.</summary>
    public required double Threshold { get; init; }

    /// <summary>Share of test resources answered at the threshold.</summary>
    public required double Coverage { get; init; }

    /// <summary>Accuracy of the answered ones (selective accuracy).</summary>
    public required double AccuracyAtThreshold { get; init; }
}
