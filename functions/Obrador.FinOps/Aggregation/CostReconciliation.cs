namespace Obrador.FinOps.Aggregation;

/// <summary>
/// Proof that gold adds up: for every dimension and currency, the sum of EffectiveCost over <c>daily_cost</c> against
/// the sum over the source rows. Decimal arithmetic is exact, so any difference means a row was lost or doubled.
/// </summary>
public sealed record CostReconciliation
{
    /// <summary>Source total EffectiveCost per currency.</summary>
    public required IReadOnlyDictionary<string, decimal> SourceTotal { get; init; }

    /// <summary>Gold total per (dimension, currency); for <see cref="CostDimension.Tag"/>, per tag key, so each key counts once.</summary>
    public required IReadOnlyDictionary<string, decimal> GoldTotal { get; init; }

    /// <summary>Largest absolute difference between any gold total and its source total.</summary>
    public required decimal MaxDifference { get; init; }

    /// <summary>True when every gold total equals the source to the cent (|difference| &lt; 0.005).</summary>
    public bool Reconciled => MaxDifference < 0.005m;
}
