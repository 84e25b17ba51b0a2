namespace Obrador.Recommendations.Rules;

/// <summary>Rules applied after scoring, before the top-k cut.</summary>
public sealed record BusinessRulesOptions
{
    /// <summary>Drop items the user already interacted with (bought or seen); default true.</summary>
    public bool RemoveSeen { get; init; } = true;

    /// <summary>At most this many items of one category in a list; null (default) = no cap.</summary>
    public int? MaxPerCategory { get; init; }

    /// <summary>Weight of the user's own scores on a product page or in a cart, relative to the context items (1); default 0.3.</summary>
    public float PersonalWeightInContext { get; init; } = 0.3f;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Cap below 1 or a negative/non-finite weight.</exception>
    public void Validate()
    {
        if (MaxPerCategory is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPerCategory), MaxPerCategory, "Must be >= 1 when set.");
        }

        if (!float.IsFinite(PersonalWeightInContext) || PersonalWeightInContext < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PersonalWeightInContext), PersonalWeightInContext, "Must be finite and >= 0.");
        }
    }
}
