namespace Obrador.Pipeline.Quality;

/// <summary>Thresholds of the data quality checks (section <c>Pipeline:Quality</c>). Rates are fractions 0-1.</summary>
public sealed record QualityOptions
{
    /// <summary>Hours after which the newest event of a source is stale (warning). Default 36.</summary>
    public double FreshnessSlaHours { get; init; } = 36;

    /// <summary>Duplicate rate above which a warning is raised. Default 0.05.</summary>
    public double DuplicateWarn { get; init; } = 0.05;

    /// <summary>Duplicate rate above which the run stops (critical). Default 0.5.</summary>
    public double DuplicateCritical { get; init; } = 0.5;

    /// <summary>Null rate of a tracked column above which a warning is raised. Default 0.2.</summary>
    public double NullWarn { get; init; } = 0.2;

    /// <summary>Invalid-value rate above which the run stops (critical); any invalid value is a warning. Default 0.01.</summary>
    public double InvalidCritical { get; init; } = 0.01;

    /// <summary>Share of unreadable bronze files above which the run stops (critical); any is a warning. Default 0.5.</summary>
    public double UnreadableCritical { get; init; } = 0.5;

    /// <summary>Volume below this fraction of the trailing average (or above its inverse) is a warning. Default 0.2.</summary>
    public double VolumeRatioWarn { get; init; } = 0.2;

    /// <summary>Runs in the trailing average. Default 7, range 1-60.</summary>
    public int VolumeTrailingRuns { get; init; } = 7;

    /// <summary>Relative tolerance of reconciliation sums; a larger gap is critical. Default 1e-6.</summary>
    public double ReconciliationTolerance { get; init; } = 1e-6;

    /// <summary>Interaction density (interactions / (users × items)) below which a warning says the matrix is too sparse. Default 1e-5.</summary>
    public double MinInteractionDensity { get; init; } = 1e-5;

    /// <summary>Throws when a threshold is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Naming the setting.</exception>
    public void Validate()
    {
        static void Rate(double v, string name)
        {
            if (!(v >= 0 && v <= 1))
            {
                throw new ArgumentOutOfRangeException(name, v, "Expected a fraction 0-1.");
            }
        }

        Rate(DuplicateWarn, nameof(DuplicateWarn));
        Rate(DuplicateCritical, nameof(DuplicateCritical));
        Rate(NullWarn, nameof(NullWarn));
        Rate(InvalidCritical, nameof(InvalidCritical));
        Rate(UnreadableCritical, nameof(UnreadableCritical));
        Rate(VolumeRatioWarn, nameof(VolumeRatioWarn));
        Rate(MinInteractionDensity, nameof(MinInteractionDensity));
        if (!(FreshnessSlaHours > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(FreshnessSlaHours), FreshnessSlaHours, "Expected > 0.");
        }

        if (VolumeTrailingRuns is < 1 or > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(VolumeTrailingRuns), VolumeTrailingRuns, "Expected 1-60.");
        }

        if (!(ReconciliationTolerance >= 0 && ReconciliationTolerance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ReconciliationTolerance), ReconciliationTolerance, "Expected 0 to 1.");
        }
    }
}
