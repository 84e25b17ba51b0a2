namespace Obrador.Ingestion.Events;

/// <summary>Internal control flow of <see cref="EventParser"/>: one field broke a rule; becomes an <see cref="EventRejection"/>.</summary>
internal sealed class EventReadException(string code, string field, string message) : Exception(message)
{
    public string Code { get; } = code;

    public string Field { get; } = field;
}
