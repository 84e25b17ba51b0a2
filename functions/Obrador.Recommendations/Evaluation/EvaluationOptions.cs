namespace Obrador.Recommendations.Evaluation;

/// <summary>Options of <see cref="RecommenderEvaluator"/>.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Split protocol; default <see cref="SplitProtocol.Random"/> (Microsoft Recommenders' stratified split).</summary>
    public SplitProtocol Protocol { get; init; } = SplitProtocol.Random;

    /// <summary>Cut-off k; default 10.</summary>
    public int K { get; init; } = 10;

    /// <summary>Training ratio of the random protocol; default 0.75.</summary>
    public double TrainRatio { get; init; } = 0.75;

    /// <summary>Seed of the random protocol and of seeded algorithms; default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Chronological protocol: days held out at the end; null (default) holds out the last <see cref="HoldoutFraction"/> of events.</summary>
    public double? HoldoutDays { get; init; }

    /// <summary>Chronological protocol: fraction of events held out when <see cref="HoldoutDays"/> is null; default 0.2.</summary>
    public double HoldoutFraction { get; init; } = 0.2;

    /// <summary>Remove items the user had in training from their list; default true (Microsoft Recommenders' <c>remove_seen</c>).</summary>
    public bool RemoveSeen { get; init; } = true;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1, ratio or fraction not in (0, 1), days not positive.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(K, 1);
        if (!(TrainRatio > 0 && TrainRatio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(TrainRatio), TrainRatio, "Must be in (0, 1).");
        }

        if (!(HoldoutFraction > 0 && HoldoutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HoldoutFraction), HoldoutFraction, "Must be in (0, 1).");
        }

        if (HoldoutDays is { } d && !(d > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(HoldoutDays), HoldoutDays, "Must be > 0.");
        }
    }
}
