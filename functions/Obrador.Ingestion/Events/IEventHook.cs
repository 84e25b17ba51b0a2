using Obrador.Ingestion.Bronze;

namespace Obrador.Ingestion.Events;

/// <summary>Called after a batch's bronze file is durably written, with the accepted events (the streaming hook).</summary>
public interface IEventHook
{
    /// <summary>Reacts to accepted events; throwing fails the batch so the host redelivers it.</summary>
    /// <param name="batch">The delivered batch (partition and sequence numbers).</param>
    /// <param name="accepted">The events written to bronze, in batch order.</param>
    /// <param name="redelivery">True when the same HTTP body was first received <see cref="EventIngestor.RedeliveryAfter"/>
    /// or longer ago and its bronze file already exists: a hook should treat it as applied. A retry within that time
    /// (e.g. after a failure of this hook) is not flagged: a hook that must not apply a batch twice recognises it
    /// itself, as <see cref="StreamingCounters"/> does by its per-body watermark.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Whether the hook applied the events (false when it recognised them as already applied).</returns>
    Task<bool> OnAcceptedAsync(EventBatch batch, IReadOnlyList<BronzeEvent> accepted, bool redelivery, CancellationToken cancellationToken);
}
