namespace Obrador.Ingestion.Events;

/// <summary>Limits the event validator enforces (contract version 1); defaults suit the retail chain's traffic.</summary>
public sealed record EventValidationOptions
{
    /// <summary>Largest accepted event, in UTF-8 bytes of its JSON. Default 64 KiB (Event Hubs allows 1 MiB per batch; one event is far smaller).</summary>
    public int MaxEventBytes { get; init; } = 64 * 1024;

    /// <summary>Longest accepted id (<c>event_id</c>, <c>user_id</c>, …), in characters. Default 64 (the Table key rule in <c>docs/serving-tables.md</c>).</summary>
    public int MaxIdLength { get; init; } = 64;

    /// <summary>Largest quantity, on-hand count or basket line quantity. Default 100,000 units.</summary>
    public decimal MaxQuantity { get; init; } = 100_000m;

    /// <summary>Largest unit price. Default 1,000,000.</summary>
    public decimal MaxPrice { get; init; } = 1_000_000m;

    /// <summary>Most lines in a purchase basket. Default 500.</summary>
    public int MaxBasketLines { get; init; } = 500;

    /// <summary>How far in the future <c>occurred_at</c> may lie (clock skew of tills and phones). Default 1 day.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Earliest accepted <c>occurred_at</c>. Default 2000-01-01T00:00:00Z.</summary>
    public DateTimeOffset MinOccurredAt { get; init; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Highest contract version understood. Default 1.</summary>
    public int MaxSchemaVersion { get; init; } = 1;

    /// <summary>Checks the options are consistent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero, negative or out of its range.</exception>
    public EventValidationOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventBytes, 64, nameof(MaxEventBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIdLength, 1, nameof(MaxIdLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxIdLength, 1024, nameof(MaxIdLength));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxQuantity, 0m, nameof(MaxQuantity));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxPrice, 0m, nameof(MaxPrice));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBasketLines, 1, nameof(MaxBasketLines));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFutureSkew, TimeSpan.Zero, nameof(MaxFutureSkew));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSchemaVersion, 1, nameof(MaxSchemaVersion));
        return this;
    }
}
