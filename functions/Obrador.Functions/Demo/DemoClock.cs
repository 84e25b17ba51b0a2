namespace Obrador.Functions.Demo;

/// <summary>
/// A clock that starts at a chosen instant and then advances with real time, so a demo over historical data runs
/// "the morning after" its last day while durations stay real.
/// </summary>
/// <param name="start">The instant the clock shows when created.</param>
public sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _origin = TimeProvider.System.GetTimestamp();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => start + TimeProvider.System.GetElapsedTime(_origin);
}
