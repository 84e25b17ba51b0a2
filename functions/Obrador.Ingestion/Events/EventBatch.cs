namespace Obrador.Ingestion.Events;

/// <summary>One delivered batch of events from one partition (an Event Hub invocation or one HTTP request).</summary>
/// <param name="Partition">Event Hub partition id (<c>0</c>…), or <c>http-{digest}</c> for the HTTP collector.</param>
/// <param name="Events">The events in delivery order.</param>
/// <param name="FromEventHub">True for Event Hub deliveries: sequence numbers are the hub's, and counters use the partition watermark.</param>
public sealed record EventBatch(string Partition, IReadOnlyList<RawEvent> Events, bool FromEventHub);
