namespace Obrador.Pipeline.Tests.Fakes;

/// <summary>A <see cref="TimeProvider"/> that moves only when told (every read advances it by <see cref="Step"/>).</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now;

    public ManualClock(DateTimeOffset start) => _now = start;

    public TimeSpan Step { get; set; } = TimeSpan.FromMilliseconds(5);

    public override DateTimeOffset GetUtcNow()
    {
        var n = _now;
        _now += Step;
        return n;
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => _now += by;
}
