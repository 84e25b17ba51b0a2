namespace Obrador.Ingestion.Events;

/// <summary>What a <see cref="CounterFolder.FoldAsync"/> call did.</summary>
/// <param name="DeltaRows">Delta-log rows folded and deleted.</param>
/// <param name="Counters">Counters changed (an item's trending count for a day, a product's on-hand in a store; one
/// changed by several folded deltas counts once per step).</param>
/// <param name="ShardRows">Counter shard rows written (up to 32 per touched day or store; see <c>docs/serving-tables.md</c>).</param>
public sealed record CounterFoldResult(int DeltaRows, int Counters, int ShardRows);
