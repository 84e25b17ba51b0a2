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

    /// <summary>
    /// This delta followed by <paramref name="next"/>, as one delta: <c>a.Then(b).Fold(o, t) == b.Fold(a.Fold(o, t))</c>
    /// for every stored (o, t), so the deltas of many batches merge per row before the fold reads it (the law is
    /// checked by <c>InventoryDeltaTests</c>). The later snapshot wins; undated sales add up; a winning earlier snapshot
    /// also counts the next delta's undated sales as sold after it.
    /// </summary>
    public InventoryDelta Then(InventoryDelta next) =>
        next.SnapshotAt is { } theirs && (SnapshotAt is not { } mine || theirs >= mine)
            ? next with { SoldUndated = SoldUndated + next.SoldUndated }
            : this with
            {
                SoldAfterSnapshot = SnapshotAt is null ? 0 : SoldAfterSnapshot + next.SoldUndated,
                SoldUndated = SoldUndated + next.SoldUndated,
            };

    /// <summary>The on-hand quantity and snapshot time after this delta, from the stored ones.</summary>
    public (double OnHand, DateTimeOffset? SnapshotAt) Fold(double storedOnHand, DateTimeOffset? storedAt) =>
        SnapshotAt is { } mine && (storedAt is null || mine >= storedAt)
            ? (SnapshotOnHand - SoldAfterSnapshot, mine)
            : (storedOnHand - SoldUndated, storedAt);
}
