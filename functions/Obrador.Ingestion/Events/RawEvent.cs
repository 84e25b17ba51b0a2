namespace Obrador.Ingestion.Events;

/// <summary>One event as delivered, before validation: its bytes and its delivery coordinates.</summary>
/// <param name="Json">The event's UTF-8 JSON text exactly as received (may be invalid).</param>
/// <param name="SequenceNumber">Event Hub sequence number; for HTTP, the index in the request.</param>
/// <param name="EnqueuedAt">When Event Hubs accepted it (HTTP: when the request arrived), UTC.</param>
/// <param name="PreRejection">A problem found while splitting the batch (e.g. not a JSON object), or null.</param>
public readonly record struct RawEvent(ReadOnlyMemory<byte> Json, long SequenceNumber, DateTimeOffset EnqueuedAt, string? PreRejection = null);
