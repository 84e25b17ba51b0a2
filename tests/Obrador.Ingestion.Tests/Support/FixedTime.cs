namespace Obrador.Ingestion.Tests.Support;

/// <summary>A clock that stands still (moved by tests).</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
