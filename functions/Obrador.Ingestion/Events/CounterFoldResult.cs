namespace Obrador.Ingestion.Events;

/// <summary>What a <see cref="CounterFolder.FoldAsync"/> call did.</summary>
/// <param name="DeltaRows">Delta-log rows folded and deleted.</param>
/// <param name="CounterRows">Counter rows written (a row touched by several folded deltas counts once per step).</param>
public sealed record CounterFoldResult(int DeltaRows, int CounterRows);
