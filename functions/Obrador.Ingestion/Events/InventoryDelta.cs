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

    /// <summary>Merges this delta into the stored row and returns the new row.</summary>
    public TableEntity Apply(TableEntity target, TableEntity? current, DateTimeOffset now)
    {
        var storedAt = current?.GetDateTimeOffset("SnapshotAt");
        double onHand;
        DateTimeOffset? snapshotAt;
        if (SnapshotAt is { } mine && (storedAt is null || mine >= storedAt))
        {
            onHand = SnapshotOnHand - SoldAfterSnapshot;
            snapshotAt = mine;
        }
        else
        {
            onHand = (current?.GetDouble("OnHand") ?? 0) - SoldUndated;
            snapshotAt = storedAt;
        }

        target["OnHand"] = onHand;
        target["SnapshotAt"] = snapshotAt;
        target["UpdatedAt"] = now;
        return target;
    }
}
