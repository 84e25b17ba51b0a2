namespace Obrador.Pipeline.Etl.Gold;

/// <summary>One row of <c>gold/daily_cost/date=…/</c>: cost per day × subscription × resource group × service × resource × tag set.</summary>
public sealed record DailyCostRow
{
    /// <summary>Usage day.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Subscription id.</summary>
    public required string Subscription { get; init; }

    /// <summary>Resource group.</summary>
    public required string ResourceGroup { get; init; }

    /// <summary>Service.</summary>
    public required string Service { get; init; }

    /// <summary>Resource id.</summary>
    public required string ResourceId { get; init; }

    /// <summary>Canonical tags JSON.</summary>
    public required string Tags { get; init; }

    /// <summary>Currency.</summary>
    public required string Currency { get; init; }

    /// <summary>Actual cost.</summary>
    public required double Cost { get; init; }

    /// <summary>Amortized cost.</summary>
    public required double EffectiveCost { get; init; }

    /// <summary>Billing lines aggregated.</summary>
    public required long Lines { get; init; }
}
