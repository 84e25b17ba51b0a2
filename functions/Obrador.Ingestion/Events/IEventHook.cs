using Obrador.Ingestion.Bronze;

namespace Obrador.Ingestion.Events;

/// <summary>Called after a batch's bronze file is durably written, with the accepted events (the streaming hook).</summary>
public interface IEventHook
{
    /// <summary>Reacts to accepted events; throwing fails the batch so the host redelivers it.</summary>
    /// <param name="batch">The delivered batch (partition and sequence numbers).</param>
    /// <param name="accepted">The events written to bronze, in batch order.</param>
    /// <param name="redelivery">True when the same batch was already written before (an HTTP resend); hooks should not count it twice.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Whether the hook applied the events (false when it recognised them as already applied).</returns>
    Task<bool> OnAcceptedAsync(EventBatch batch, IReadOnlyList<BronzeEvent> accepted, bool redelivery, CancellationToken cancellationToken);
}
