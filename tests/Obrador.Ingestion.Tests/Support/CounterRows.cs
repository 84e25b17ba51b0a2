using Obrador.Ingestion.Events;
using Obrador.Lake.Serving;
using Obrador.Lake.Storage;

namespace Obrador.Ingestion.Tests.Support;

/// <summary>
/// The live counters one row per counter, for assertions: each shard row (<see cref="CounterShard"/>) of a
/// <c>trending|…</c> or <c>inventory|…</c> partition becomes one entity per counter (row key the id; <c>Count</c> and
/// <c>Units</c>, or <c>OnHand</c> and <c>SnapshotAt</c>; <c>UpdatedAt</c>); every other row passes through unchanged.
/// </summary>
internal static class CounterRows
{
    /// <summary><paramref name="rows"/> with every shard row expanded into its counters.</summary>
    public static List<TableEntity> Flatten(IEnumerable<TableEntity> rows) =>
        [.. rows.SelectMany(r => !r.PartitionKey.StartsWith('_') && CounterShard.IsShardRow(r) ? Expand(r) : [r])];

    /// <summary>The counter of <paramref name="id"/> under <paramref name="partitionKey"/>, read from its shard row; null when there is none.</summary>
    public static async Task<TableEntity?> GetAsync(ITableStore tables, string partitionKey, string id)
    {
        var row = await tables.GetAsync(ServingTables.Counters, partitionKey, CounterShard.RowKey(CounterShard.Of(id)));
        return row is null ? null : Expand(row).SingleOrDefault(e => e.RowKey == id);
    }

    private static IEnumerable<TableEntity> Expand(TableEntity row) =>
        CounterShard.Decode(row).Counters.Select(c =>
        {
            var e = new TableEntity(row.PartitionKey, c.Key) { ["UpdatedAt"] = c.Value.UpdatedAt };
            if (!c.Value.IsInventory)
            {
                (e["Count"], e["Units"]) = (c.Value.Count, c.Value.Units);
            }
            else
            {
                e["OnHand"] = c.Value.OnHand;
                if (c.Value.SnapshotAt is { } at)
                {
                    e["SnapshotAt"] = at;
                }
            }

            return e;
        });
}
