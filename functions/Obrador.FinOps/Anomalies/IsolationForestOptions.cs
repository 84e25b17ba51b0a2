namespace Obrador.FinOps.Anomalies;

/// <summary>Isolation forest settings (Liu, Ting, Zhou 2008, section 4: ψ = 256 and t = 100 are the paper's defaults).</summary>
public sealed record IsolationForestOptions
{
    /// <summary>Number of trees t. Default 100.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Sub-sample size ψ per tree. Default 256.</summary>
    public int SampleSize { get; init; } = 256;

    /// <summary>Seed of the random sub-sampling and splits. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Trees or SampleSize out of [1, 100000] / [2, 100000].</exception>
    public void Validate()
    {
        Guard.InRange(Trees, 1, 100_000, nameof(Trees));
        Guard.InRange(SampleSize, 2, 100_000, nameof(SampleSize));
    }
}
