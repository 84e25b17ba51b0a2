namespace Obrador.FinOps.Labelling;

/// <summary>Settings of tag auto-labelling (<see cref="TagSuggester"/>).</summary>
public sealed record LabellingOptions
{
    /// <summary>Tags every resource must carry. Default <see cref="RequiredTag.Defaults"/>.</summary>
    public IReadOnlyList<RequiredTag> RequiredTags { get; init; } = RequiredTag.Defaults;

    /// <summary>Accuracy the abstain threshold is chosen to reach on the calibration split. Default 0.95.</summary>
    public double TargetAccuracy { get; init; } = 0.95;

    /// <summary>Lowest confidence ever accepted, whatever the calibration says. Default 0.5.</summary>
    public double MinConfidence { get; init; } = 0.5;

    /// <summary>Share of labelled resources held out to fit the temperature and the threshold. Default 0.2.</summary>
    public double CalibrationShare { get; init; } = 0.2;

    /// <summary>SGD epochs. Default 5 (AdaGrad on L2-normalised TF-IDF converges within a few passes: 5 and 10 epochs give the same held-out accuracy in the finops benchmark).</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>AdaGrad base learning rate. Default 0.5.</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>L2 penalty per example. Default 1e-6.</summary>
    public double L2 { get; init; } = 1e-6;

    /// <summary>Vocabulary cap (most frequent terms kept). Default 30000.</summary>
    public int MaxFeatures { get; init; } = 30_000;

    /// <summary>Seed of the splits and SGD order. Default 7.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">No required tag.</exception>
    public void Validate()
    {
        if (RequiredTags.Count == 0)
        {
            throw new ArgumentException("at least one required tag", nameof(RequiredTags));
        }

        Guard.InRange(TargetAccuracy, 0, 1, nameof(TargetAccuracy));
        Guard.InRange(MinConfidence, 0, 1, nameof(MinConfidence));
        Guard.InRange(CalibrationShare, 0.05, 0.5, nameof(CalibrationShare));
        Guard.InRange(Epochs, 1, 1000, nameof(Epochs));
        Guard.InRange(LearningRate, 1e-6, 100, nameof(LearningRate));
        Guard.InRange(L2, 0, 1, nameof(L2));
        Guard.InRange(MaxFeatures, 16, 10_000_000, nameof(MaxFeatures));
    }
}
