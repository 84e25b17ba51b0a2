namespace Obrador.Pipeline.Etl.Gold;

/// <summary>One row of <c>gold/inventory/</c>: latest on-hand per store × product, adjusted by till sales since the snapshot.</summary>
public sealed record InventoryRow
{
    /// <summary>Store id.</summary>
    public required string StoreId { get; init; }

    /// <summary>Product id.</summary>
    public required string ProductId { get; init; }

    /// <summary>Time of the latest snapshot, UTC.</summary>
    public required DateTimeOffset SnapshotAt { get; init; }

    /// <summary>Units on hand in that snapshot.</summary>
    public required double SnapshotOnHand { get; init; }

    /// <summary>Units sold at the till after the snapshot.</summary>
    public required double SoldSince { get; init; }

    /// <summary>Estimated on hand now: max(0, snapshot − sold since).</summary>
    public required double OnHand { get; init; }
}
