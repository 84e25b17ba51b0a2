namespace Obrador.Ingestion.Events;

/// <summary>What became of one batch: counts, per-index rejections and the files written.</summary>
/// <param name="Accepted">Events written to bronze.</param>
/// <param name="Rejected">Events written to quarantine (<see cref="Rejections"/> has one entry each).</param>
/// <param name="Rejections">Why each rejected event was rejected, by index.</param>
/// <param name="BronzePath">Bronze file written, or null when nothing was accepted.</param>
/// <param name="QuarantinePath">Quarantine file written, or null when nothing was rejected.</param>
/// <param name="CountersApplied">Whether the streaming counters were updated (false on a redelivery already counted).</param>
public sealed record EventBatchResult(int Accepted, int Rejected, IReadOnlyList<EventRejection> Rejections, string? BronzePath, string? QuarantinePath, bool CountersApplied);
