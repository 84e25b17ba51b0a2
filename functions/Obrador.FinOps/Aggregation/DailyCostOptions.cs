namespace Obrador.FinOps.Aggregation;

/// <summary>What <c>daily_cost</c> is aggregated by.</summary>
public sealed record DailyCostOptions
{
    /// <summary>Dimensions to produce. Default: all of <see cref="CostDimension"/>.</summary>
    public IReadOnlyList<CostDimension> Dimensions { get; init; } = Enum.GetValues<CostDimension>();

    /// <summary>Tag keys aggregated under <see cref="CostDimension.Tag"/> (matched case-insensitively). Default: application, environment, cost-center, owner.</summary>
    public IReadOnlyList<string> TagKeys { get; init; } = ["application", "environment", "cost-center", "owner"];

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">No dimension, or an empty tag key.</exception>
    public void Validate()
    {
        if (Dimensions.Count == 0)
        {
            throw new ArgumentException("at least one dimension is required", nameof(Dimensions));
        }

        if (TagKeys.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("tag keys must not be empty", nameof(TagKeys));
        }
    }
}
