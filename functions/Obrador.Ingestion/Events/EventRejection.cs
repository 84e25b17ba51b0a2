namespace Obrador.Ingestion.Events;

/// <summary>Why one event of a batch was rejected.</summary>
/// <param name="Index">0-based position of the event in its batch (request or Event Hub delivery).</param>
/// <param name="Code">Stable machine code, e.g. <c>missing_field</c>, <c>invalid_type</c>, <c>duplicate_event_id</c>.</param>
/// <param name="Field">JSON path of the offending field (<c>data.quantity</c>), or <c>$</c> for the whole event.</param>
/// <param name="Message">Human explanation naming the field and the limit.</param>
public sealed record EventRejection(int Index, string Code, string Field, string Message)
{
    /// <summary>The reason as stored in quarantine: <c>code: message</c>.</summary>
    public string Reason => Code + ": " + Message;
}
