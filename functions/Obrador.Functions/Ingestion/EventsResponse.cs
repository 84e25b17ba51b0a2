using Obrador.Ingestion.Events;

namespace Obrador.Functions.Ingestion;

/// <summary>Answer of <c>POST /api/events</c>: how many events were accepted and why each rejected one was rejected.</summary>
/// <param name="Accepted">Events written to bronze.</param>
/// <param name="Rejected">Events written to quarantine.</param>
/// <param name="Rejections">One entry per rejected event: 0-based index (NDJSON: line), code, field, message.</param>
public sealed record EventsResponse(int Accepted, int Rejected, IReadOnlyList<EventRejection> Rejections);
