using System.Globalization;

namespace Obrador.Pipeline.Orchestration;

/// <summary>Identity and scope of one pipeline run; immutable, persisted in the run's summary row.</summary>
/// <param name="RunId">Deterministic id from the clock (<see cref="RunIds"/>), e.g. <c>r20261121T020000Z</c>.</param>
/// <param name="Mode">Incremental (nightly) or backfill.</param>
/// <param name="ScheduledAt">The trigger time (UTC) the id derives from; the run's notion of "now" for data windows.</param>
/// <param name="From">First business date recomputed by a backfill (inclusive); null for incremental runs.</param>
/// <param name="To">Last business date recomputed by a backfill (inclusive); null for incremental runs.</param>
public sealed record PipelineRun(string RunId, RunMode Mode, DateTimeOffset ScheduledAt, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The serving version this run publishes: <c>v</c> + the run's timestamp, e.g. <c>v20261121T020000Z</c>.</summary>
    public string ServingVersion => "v" + ScheduledAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="date"/> is inside a backfill's range (always true for incremental runs).</summary>
    public bool Covers(DateOnly date) => Mode == RunMode.Incremental || (date >= From && date <= To);
}
