namespace Obrador.FinOps.Aggregation;

/// <summary>One gold <c>daily_cost</c> row: the cost of one scope on one UTC day in one currency.</summary>
public sealed record DailyCostRow
{
    /// <summary>Which dimension <see cref="Scope"/> belongs to.</summary>
    public required CostDimension Dimension { get; init; }

    /// <summary>Scope key (see <see cref="CostDimension"/> for its shape).</summary>
    public required string Scope { get; init; }

    /// <summary>UTC charge day.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>ISO 4217 billing currency.</summary>
    public required string Currency { get; init; }

    /// <summary>Sum of BilledCost.</summary>
    public required decimal BilledCost { get; init; }

    /// <summary>Sum of EffectiveCost.</summary>
    public required decimal EffectiveCost { get; init; }

    /// <summary>Sum of ListCost.</summary>
    public required decimal ListCost { get; init; }

    /// <summary>Number of silver rows summed.</summary>
    public required long Rows { get; init; }
}
