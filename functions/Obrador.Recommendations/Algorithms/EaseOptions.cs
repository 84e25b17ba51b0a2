namespace Obrador.Recommendations.Algorithms;

/// <summary>Options of <see cref="EaseRecommender"/>.</summary>
public sealed record EaseOptions
{
    /// <summary>L2 penalty λ added to the Gram matrix diagonal; default 250 (Steck 2019 used 200–1000 on larger data; smaller catalogs need less).</summary>
    public double Lambda { get; init; } = 250.0;

    /// <summary>False (default): X is binary, as in the paper. True: X holds the decayed, type-weighted values.</summary>
    public bool UseWeights { get; init; }

    /// <summary>Largest catalog accepted (the model is a dense items² matrix); default 20,000 (1.6 GB of floats).</summary>
    public int MaxItems { get; init; } = 20_000;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">λ not finite and &gt; 0, or MaxItems &lt; 1.</exception>
    public void Validate()
    {
        if (!double.IsFinite(Lambda) || Lambda <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "Must be finite and > 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxItems, 1);
    }
}
