namespace Obrador.Recommendations.Algorithms;

/// <summary>Options of <see cref="ContentRecommender"/>.</summary>
public sealed record ContentOptions
{
    /// <summary>Neighbours kept per item (the cosine top-k); default 50.</summary>
    public int Neighbours { get; init; } = 50;

    /// <summary>Weight of the category token relative to a word (TF-IDF weights are multiplied by it); default 1.</summary>
    public double CategoryWeight { get; init; } = 1.0;

    /// <summary>Shortest word kept, in characters; default 2.</summary>
    public int MinTokenLength { get; init; } = 2;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Neighbours or token length below 1, or a negative/non-finite weight.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Neighbours, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinTokenLength, 1);
        if (!double.IsFinite(CategoryWeight) || CategoryWeight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(CategoryWeight), CategoryWeight, "Must be finite and >= 0.");
        }
    }
}
