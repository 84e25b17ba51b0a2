namespace Obrador.FinOps.Synthetic;

/// <summary>Settings of <see cref="CostDataGenerator"/>.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Resources generated. Default 10,000.</summary>
    public int Resources { get; init; } = 10_000;

    /// <summary>Days generated. Default 400.</summary>
    public int Days { get; init; } = 400;

    /// <summary>First day. Default 2024-01-01.</summary>
    public DateOnly Start { get; init; } = new(2024, 1, 1);

    /// <summary>Seed; the same seed and options give the same data.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Resources per resource group on average. Default 50.</summary>
    public int ResourcesPerGroup { get; init; } = 50;

    /// <summary>Share of scored resource-group days inside an injected anomaly; 0 gives clean data. Default 0.10.</summary>
    public double AnomalyShare { get; init; } = 0.10;

    /// <summary>Share of resources missing at least one required tag. Default 0.35.</summary>
    public double UntaggedShare { get; init; } = 0.35;

    /// <summary>Share of resources whose tags disagree with their group (mis-tagging noise). Default 0.03.</summary>
    public double TagNoiseShare { get; init; } = 0.03;

    /// <summary>Daily multiplicative noise σ of one resource (log scale). Default 0.15.</summary>
    public double NoiseSigma { get; init; } = 0.15;

    /// <summary>Yearly growth of cost. Default 0.15.</summary>
    public double TrendPerYear { get; init; } = 0.15;

    /// <summary>Share of resources created after the first day or deleted before the last (churn). Default 0.25.</summary>
    public double ChurnShare { get; init; } = 0.25;

    /// <summary>Kinds of anomaly injected (drawn with weights spike 0.3, dip 0.2, level shift 0.25, drift 0.25 among those listed). Default: all four.</summary>
    public IReadOnlyList<AnomalyKind> Kinds { get; init; } = Enum.GetValues<AnomalyKind>();

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        Guard.InRange(Resources, 10, 10_000_000, nameof(Resources));
        Guard.InRange(Days, 60, 10_000, nameof(Days));
        Guard.InRange(ResourcesPerGroup, 2, 100_000, nameof(ResourcesPerGroup));
        Guard.InRange(AnomalyShare, 0, 0.3, nameof(AnomalyShare));
        Guard.InRange(UntaggedShare, 0, 1, nameof(UntaggedShare));
        Guard.InRange(TagNoiseShare, 0, 1, nameof(TagNoiseShare));
        Guard.InRange(NoiseSigma, 0, 2, nameof(NoiseSigma));
        Guard.InRange(TrendPerYear, -0.9, 10, nameof(TrendPerYear));
        Guard.InRange(ChurnShare, 0, 1, nameof(ChurnShare));
        if (Kinds.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Kinds), "at least one anomaly kind");
        }
    }
}
