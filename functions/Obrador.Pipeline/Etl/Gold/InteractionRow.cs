namespace Obrador.Pipeline.Etl.Gold;

/// <summary>One row of <c>gold/interactions/date=…/</c>: a weighted, time-stamped user × item event.</summary>
public sealed record InteractionRow
{
    /// <summary>User id.</summary>
    public required string UserId { get; init; }

    /// <summary>Item id.</summary>
    public required string ItemId { get; init; }

    /// <summary>Event type (view, click, add_to_cart, purchase).</summary>
    public required string EventType { get; init; }

    /// <summary>Implicit-feedback weight (<see cref="EtlOptions.InteractionWeights"/>; purchases × quantity).</summary>
    public required double Weight { get; init; }

    /// <summary>When it happened, UTC.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Business date (partition).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Source event id (basket lines share it).</summary>
    public required string EventId { get; init; }
}
