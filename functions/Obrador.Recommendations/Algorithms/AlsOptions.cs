namespace Obrador.Recommendations.Algorithms;

/// <summary>Options of <see cref="AlsRecommender"/>.</summary>
public sealed record AlsOptions
{
    /// <summary>Latent factors f; default 64.</summary>
    public int Factors { get; init; } = 64;

    /// <summary>Alternating sweeps (users then items); default 15.</summary>
    public int Iterations { get; init; } = 15;

    /// <summary>L2 penalty λ; default 10 (tuned on online-retail and bread-basket: 0.05 over-fits rare items badly).</summary>
    public double Regularization { get; init; } = 10.0;

    /// <summary>Confidence slope α in c_ui = 1 + α·r_ui; default 1 for unit event weights (Hu et al. used 40 on raw watch counts).</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Conjugate-gradient steps per least-squares solve (Takács et al. found 2–3 enough); default 3.</summary>
    public int ConjugateGradientSteps { get; init; } = 3;

    /// <summary>Seed of the factor initialisation; default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Degree of parallelism; null (default) = all cores.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1, or λ/α negative or not finite.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Factors, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ConjugateGradientSteps, 1);
        if (!double.IsFinite(Regularization) || Regularization < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Regularization), Regularization, "Must be finite and >= 0.");
        }

        if (!double.IsFinite(Alpha) || Alpha < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Must be finite and >= 0.");
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Must be >= 1 when set.");
        }
    }
}
