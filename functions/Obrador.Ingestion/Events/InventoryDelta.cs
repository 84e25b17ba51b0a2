using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Events;

/// <summary>A batch's effect on one store × product on-hand counter: the latest snapshot seen and the sales after it.</summary>
internal readonly record struct InventoryDelta(DateTimeOffset? SnapshotAt, double SnapshotOnHand, double SoldAfterSnapshot, double SoldUndated)
{
    /// <summary>Adds a till sale: counted against the batch's snapshot when after it, else against the stored one.</summary>
    public InventoryDelta WithSale(DateTimeOffset at, double units) =>
        SnapshotAt is { } s && at >= s ? this with { SoldAfterSnapshot = SoldAfterSnapshot + units }
        : SnapshotAt is null ? this with { SoldUndated = SoldUndated + units }
        : this;

    /// <summary>Takes a stock count; a later count replaces an earlier one and sales before it stop mattering.</summary>
    public InventoryDelta WithSnapshot(DateTimeOffset at, double onHand) =>
        SnapshotAt is { } s && s > at ? this : new InventoryDelta(at, onHand, 0, SoldUndated);

    /// <summary>The on-hand quantity and snapshot time after this delta, from the stored ones.</summary>
    public (double OnHand, DateTimeOffset? SnapshotAt) Fold(double storedOnHand, DateTimeOffset? storedAt) =>
        SnapshotAt is { } mine && (storedAt is null || mine >= storedAt)
            ? (SnapshotOnHand - SoldAfterSnapshot, mine)
            : (storedOnHand - SoldUndated, storedAt);
}
